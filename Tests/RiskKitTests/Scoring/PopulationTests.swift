import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitScoring

/// A model's declared population on levels and on fields that are no feature (``PopulationCriterion``), and the
/// note on values beyond the training data (``Extrapolation``), on the small test model (η = −5 + 0.05·age +
/// 0.4·[sex = M], trained on ages 40, 50, 60). Expected risks come from that formula, expected reasons from the
/// declared criteria.
@Suite struct PopulationTests {
    /// The small model meant for women (`sex`, a feature) who are not BRCA1 carriers (`brca1`, no feature; a
    /// missing value counts as not a carrier) and who are not pregnant (`pregnant`, no feature, required).
    static func model() throws -> RiskModel {
        var model = try RiskModelFileTests().smallModel()
        model.schema.features[0].required = true
        model.schema.features[1].required = true
        model.population = [
            PopulationCriterion(field: "sex", levels: ["F"], required: true),
            PopulationCriterion(field: "brca1", levels: ["0"], required: false),
            PopulationCriterion(field: "pregnant", levels: ["0"], required: true),
        ]
        return model
    }

    /// One patient's report from `--set`-style fields.
    static func report(_ fields: [String: String], model: RiskModel? = nil) throws -> PatientReport {
        let model = try model ?? Self.model()
        return try PatientScorer(model: model).report(PatientInput(model: model, fields: fields))
    }

    @Test(arguments: [
        (["age": "50", "sex": "M", "pregnant": "0"], NotAssessableReason.Kind.outsidePopulation,
         "`sex` M is outside the model's population (F)"),
        (["age": "50", "sex": "F", "brca1": "1", "pregnant": "0"], .outsidePopulation,
         "`brca1` 1 is outside the model's population (0)"),
        (["age": "50", "sex": "F", "brca1": "0"], .requiredMissing, "`pregnant` is missing and the model requires it"),
        // The population comes before a feature's range: a man of 95 is told he is outside the population.
        (["age": "95", "sex": "M", "pregnant": "0"], .outsidePopulation, "`sex` M is outside the model's population (F)"),
    ])
    func patientsOutsideThePopulationAreNotAssessable(fields: [String: String], kind: NotAssessableReason.Kind,
                                                      reason: String) throws {
        var model = try Self.model()
        model.schema.features[0].applicable = ValueRange(lower: 40, upper: 79)
        let report = try Self.report(fields, model: model)
        #expect(report.status == .notAssessable)
        #expect(report.notAssessable?.kind == kind)
        #expect(report.notAssessable?.description == reason)
        #expect(report.shownContributions.isEmpty)
    }

    /// Inside the population (a missing optional `brca1` counts as inside), the risk is the model's, exactly as
    /// without a population.
    @Test(arguments: [["brca1": "0"], [:]])
    func patientsInsideScoreAsWithoutAPopulation(extra: [String: String]) throws {
        let report = try Self.report(["age": "50", "sex": "F", "pregnant": "0"].merging(extra) { a, _ in a })
        #expect(report.status == .scored)
        #expect(abs(report.score.risk - 1 / (1 + exp(2.5))) < 1e-15)
        var without = try Self.model()
        without.population = nil
        #expect(try Self.report(["age": "50", "sex": "F"], model: without).score == report.score)
    }

    @Test func imputationForResearchLetsAMissingRequiredFieldThrough() throws {
        let model = try Self.model()
        let scorer = PatientScorer(model: model, allowImputation: true)
        let report = try scorer.report(PatientInput(model: model, fields: ["age": "50", "sex": "F"]))
        #expect(report.status == .scored)
        // A value outside the population still stops it.
        let man = try scorer.report(PatientInput(model: model, fields: ["age": "50", "sex": "M"]))
        #expect(man.notAssessable?.kind == .outsidePopulation)
    }

    /// A CSV file (the block path) gives each patient the status and reason the one-patient path gives.
    @Test func theFilePathAgreesWithTheOnePatientPath() async throws {
        let model = try Self.model()
        let rows = [["50", "M", "0", "0"], ["50", "F", "1", "0"], ["50", "F", "", "0"], ["50", "F", "0", ""],
                    ["70", "F", "0", "0"]]
        let folder = try temporaryFolder()
        let path = folder + "/p.csv"
        try (["id,age,sex,brca1,pregnant"] + rows.enumerated().map { k, r in (["P\(k)"] + r).joined(separator: ",") })
            .joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let scorer = PatientScorer(model: model)
        var fromFile: [PatientReport] = []
        try await scorer.forEachReport(in: try PatientFile(path: path, model: model)) { fromFile.append($0) }
        let one = try rows.enumerated().map { k, r in
            let fields = ["id": "P\(k)", "age": r[0], "sex": r[1], "brca1": r[2], "pregnant": r[3]].filter { !$0.value.isEmpty }
            return try scorer.report(PatientInput(model: model, fields: fields))
        }
        #expect(fromFile.map(\.status) == [.notAssessable, .notAssessable, .scored, .notAssessable, .scored])
        #expect(fromFile.map(\.notAssessable) == one.map(\.notAssessable))
        #expect(fromFile.map(\.score.risk) == one.map(\.score.risk))
        #expect(fromFile.map(\.score.extrapolated) == one.map(\.score.extrapolated))
    }

    /// `extrapolated` lists exactly the features whose values lie beyond the observed training range (the bounds
    /// taken from the model), never an imputed one, and nothing for a patient who is not assessable.
    @Test(arguments: [("39", true), ("40", false), ("60", false), ("60.5", true), ("", false)])
    func valuesBeyondTheTrainingRangeAreFlagged(age: String, beyond: Bool) throws {
        var model = try Self.model()
        model.population = nil
        model.schema.features[0].required = false
        let trained = model.schema.features[0]
        let fields = ["age": age, "sex": "F"].filter { !$0.value.isEmpty }
        let report = try Self.report(fields, model: model)
        let expected = beyond ? [Extrapolation(feature: "age", value: Double(age)!,
                                               trained: ValueRange(lower: trained.observedMin!, upper: trained.observedMax!),
                                               unit: nil)] : []
        #expect(report.score.extrapolated == expected)
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        #expect(json["extrapolated"] as? [String] == expected.map(\.feature))
        let man = try Self.report(["age": "30", "sex": "M", "pregnant": "0"])
        #expect(man.status == .notAssessable && man.score.extrapolated.isEmpty)
    }

    @Test func extrapolationIsWordedWithTheTrainingRange() {
        let note = Extrapolation(feature: "age", value: 79, trained: ValueRange(lower: 40, upper: 78), unit: "years")
        #expect(note.description == "age 79 years (trained on 40–78 years)")
    }

    /// Population fields are known names for `--set` and JSON input (not "unknown field").
    @Test func populationFieldsAreKnownNames() throws {
        let checks = PatientScorer(model: try Self.model()).checks
        try checks.checkFieldNames(["age", "sex", "brca1", "pregnant"])
        #expect(dataError { try checks.checkFieldNames(["brca"]) }?.message.contains("did you mean `brca1`?") == true)
    }

    /// The model file keeps the population under `population`; a file without that key (every file written
    /// before it) loads with none, its checksum intact.
    @Test func theModelFileKeepsThePopulationAndOldFilesLoad() throws {
        let folder = try temporaryFolder()
        try Self.model().write(to: folder + "/m.json")
        let loaded = try RiskModel.load(path: folder + "/m.json")
        #expect(loaded.population == (try Self.model()).population)
        let text = try String(contentsOfFile: folder + "/m.json", encoding: .utf8)
        #expect(text.contains("\"population\" : ["))
        #expect(try RiskModel.load(path: fixturePath("model-before-domain.json")).population == nil)
        try RiskModelFileTests().smallModel().write(to: folder + "/old.json")
        #expect(!(try String(contentsOfFile: folder + "/old.json", encoding: .utf8)).contains("population"))
        #expect(try RiskModel.load(path: folder + "/old.json").population == nil)
    }
}
