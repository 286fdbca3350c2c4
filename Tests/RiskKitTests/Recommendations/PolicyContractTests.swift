import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations

/// The policy ↔ model contract: a policy with an `outcome.label` applies only to a model declaring the same label
/// and horizon. Expected differences are written out by hand from the two declarations.
@Suite struct PolicyContractTests {
    static func model(label: String?, horizon: Double?) throws -> RiskModel {
        var model = try RiskModelFileTests().smallModel()
        model.outcome.label = label
        model.outcome.horizonYears = horizon
        return model
    }

    static func policy(label: String?) throws -> RecommendationPolicy {
        try PolicyKeysTests.load { policy in
            if let label { PolicyKeysTests.setOutcome(&policy, "label", label) }
        }
    }

    @Test func sameLabelAndHorizonMatch() throws {
        let policy = try Self.policy(label: "first ASCVD event")
        #expect(policy.contract(with: try Self.model(label: " First ASCVD event", horizon: 10)) == .matches)
    }

    @Test func differencesAreNamed() throws {
        let policy = try Self.policy(label: "first ASCVD event")
        #expect(policy.contract(with: try Self.model(label: "breast malignancy", horizon: 10)) == .mismatch([
            "outcome: the model predicts `breast malignancy`, the policy applies to `first ASCVD event`",
        ]))
        #expect(policy.contract(with: try Self.model(label: "first ASCVD event", horizon: 5)) == .mismatch([
            "horizon: the model predicts over 5 years, the policy applies to 10 years",
        ]))
        // A model that declares nothing cannot be shown to fit a policy that declares its outcome.
        #expect(policy.contract(with: try Self.model(label: nil, horizon: nil)) == .mismatch([
            "outcome: the model declares none, the policy applies to `first ASCVD event`",
            "horizon: the model declares none, the policy applies to 10 years",
        ]))
    }

    @Test func policiesWithoutALabelAreComparedOnTheirHorizonOnly() throws {
        let policy = try Self.policy(label: nil)
        #expect(policy.contract(with: try Self.model(label: nil, horizon: nil))
                == .unchecked(reason: "neither the policy nor the model declares an outcome label and horizon"))
        #expect(policy.contract(with: try Self.model(label: "first ASCVD event", horizon: 10))
                == .unchecked(reason: "the policy declares no outcome label; only the horizon was compared"))
        #expect(policy.contract(with: try Self.model(label: "first ASCVD event", horizon: 5)) == .mismatch([
            "horizon: the model predicts over 5 years, the policy applies to 10 years",
        ]))
    }

    @Test func mismatchIsRefusedUnlessForced() throws {
        let policy = try Self.policy(label: "first ASCVD event")
        let model = try Self.model(label: "breast malignancy", horizon: 5)
        let error = dataError { try policy.checkContract(with: model, file: "p.json") }
        #expect(error?.code == .policyModelMismatch)
        #expect(error?.description == "p.json: the policy was written for another outcome than the model predicts "
                + "(outcome: the model predicts `breast malignancy`, the policy applies to `first ASCVD event`; "
                + "horizon: the model predicts over 5 years, the policy applies to 10 years)")
        let forced = try policy.checkContract(with: model, force: true)
        guard case .mismatch(let differences) = forced else { Issue.record("expected the mismatch back"); return }
        #expect(differences.count == 2)
        #expect(try policy.checkContract(with: try Self.model(label: "first ASCVD event", horizon: 10)) == .matches)
    }
}
