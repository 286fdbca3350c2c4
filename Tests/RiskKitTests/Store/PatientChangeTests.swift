import Testing
import RiskKit

/// What a change between two runs lists, on hand-made results: rules added and removed in policy order, interval
/// changes, the risk's direction, and the cause by what differs (model checksum, policy digest, input digest).
@Suite struct PatientChangeTests {
    func result(risk: Double, band: String, _ recommendations: String, input: String = "in-1") -> PatientResult {
        PatientResult(row: 0, model: 0, patient: "P1", risk: risk, percentile: 50, band: band,
                      recommendations: RecommendationSet(encoded: recommendations)!, notAssessableReason: nil, inputHash: input)
    }

    let model = RunModel(checksum: "sha256:m1", description: "demo", outcome: "first ASCVD event", policyVersion: "1", policySHA256: "p1")

    @Test func listsAddedRemovedAndIntervalChanges() {
        let old = result(risk: 0.08, band: "intermediate", "CV-02/therapy/;DM-01/screening/36;CRC-02/screening/")
        let new = result(risk: 0.12, band: "intermediate", "CV-01/therapy/;DM-01/screening/12;CRC-01/screening/", input: "in-2")
        let change = PatientChange(old: old, new: new, model: 0, modelName: "first ASCVD event", oldModel: model, newModel: model)
        #expect(change.added == ["CV-01", "CRC-01"])
        #expect(change.removed == ["CV-02", "CRC-02"])
        #expect(change.intervalChanges == [.init(rule: "DM-01", oldMonths: 36, newMonths: 12)])
        #expect(change.direction == 1)
        #expect(change.causes == [.data])
    }

    @Test func causeFollowsWhatDiffers() {
        let a = result(risk: 0.1, band: "intermediate", "CV-02/therapy/"), b = result(risk: 0.2, band: "high", "CV-05/therapy/")
        var newModel = model
        newModel.checksum = "sha256:m2"
        var newPolicy = model
        newPolicy.policySHA256 = "p2"
        var both = newModel
        both.policySHA256 = "p2"
        #expect(ChangeCause.causes(old: a, new: b, oldModel: model, newModel: model) == [.age])
        #expect(ChangeCause.causes(old: a, new: b, oldModel: model, newModel: newModel) == [.model])
        #expect(ChangeCause.causes(old: a, new: b, oldModel: model, newModel: newPolicy) == [.policy])
        #expect(ChangeCause.causes(old: a, new: b, oldModel: model, newModel: both) == [.model, .policy])
        var other = b
        other.inputHash = "in-9"
        #expect(ChangeCause.causes(old: a, new: other, oldModel: model, newModel: model) == [.data])
        // With a new model the inputs it reads may differ: they are not compared.
        #expect(ChangeCause.causes(old: a, new: other, oldModel: model, newModel: newModel) == [.model])
    }
}
