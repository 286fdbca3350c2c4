import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// The compiled per-patient checks: plausibility (error), applicability (not assessable, with a reason) and field
/// names (error with a suggestion). The cases are the defects of issue 9: `age=150`, `age=-3`, a blank age,
/// `sistolic_bp`. Expected messages are written from the declared ranges, units and names.
@Suite struct PatientChecksTests {
    /// The small test model (features `age`, `sex`) with a training domain: age required, applicable 40–79;
    /// sex required.
    static func model() throws -> RiskModel {
        var model = try RiskModelFileTests().smallModel()
        model.schema.features[0].required = true
        model.schema.features[0].applicable = ValueRange(lower: 40, upper: 79)
        model.schema.features[1].required = true
        return model
    }

    /// The validation base policy with plausible ranges for age (0–120 years) and bmi (10–80 kg/m2, not a model
    /// feature), and a date field.
    static func policy() throws -> RecommendationPolicy {
        try PolicyKeysTests.load {
            PolicyKeysTests.setField(&$0, "age", ["type": "number", "unit": "years", "plausible": [0, 120]])
            PolicyKeysTests.setField(&$0, "bmi", ["type": "number", "unit": "kg/m2", "plausible": [10, 80]])
            PolicyKeysTests.setField(&$0, "last_mammogram", ["type": "date"])
        }
    }

    static func checks(allowImputation: Bool = false) throws -> PatientChecks {
        PatientChecks(model: try model(), policy: try policy(), allowImputation: allowImputation)
    }

    /// The feature cells and policy field values of a patient given as `--set` pairs.
    static func patient(_ fields: [String: String], policy: RecommendationPolicy) throws -> ([FieldValue], [FieldValue?]) {
        let input = try PatientInput(model: try model(), fields: fields)
        return (input.cells, policy.fields.map { input.values[$0.name] })
    }

    @Test(arguments: [
        (["age": "150", "sex": "F"], "age", "value 150 years is outside the plausible range 0–120 years"),
        (["age": "-3", "sex": "F"], "age", "value -3 years is outside the plausible range 0–120 years"),
        (["age": "50", "sex": "F", "bmi": "5"], "bmi", "value 5 kg/m2 is outside the plausible range 10–80 kg/m2"),
        (["age": "50", "sex": "F", "last_mammogram": "2024-13-01"], "last_mammogram", "`2024-13-01` is not a date (YYYY-MM-DD)"),
    ])
    func implausibleValuesAreErrors(fields: [String: String], column: String, message: String) throws {
        let checks = try Self.checks()
        let (cells, values) = try Self.patient(fields, policy: try Self.policy())
        let error = dataError { try checks.checkPlausibility(cells: cells, fieldValues: values, line: 7) }
        #expect(error == DataError(code: .implausibleValue, line: 7, column: column, message))
    }

    @Test func plausibleValuesPass() throws {
        let (cells, values) = try Self.patient(["age": "120", "sex": "F", "bmi": "10", "last_mammogram": "2024-02-29"],
                                               policy: try Self.policy())
        try Self.checks().checkPlausibility(cells: cells, fieldValues: values)
        #expect(try Self.checks().implausible(number: 0, feature: 0) == nil)
        #expect(try Self.checks().implausible(number: .nan, feature: 0) == nil)
    }

    @Test func outsideTheApplicableRangeIsNotAssessable() throws {
        let checks = try Self.checks()
        let (cells, _) = try Self.patient(["age": "85", "sex": "F"], policy: try Self.policy())
        let reason = try #require(checks.applicability(cells: cells))
        #expect(reason == NotAssessableReason(kind: .outsideApplicableRange, feature: "age", value: 85,
                                              range: ValueRange(lower: 40, upper: 79), unit: "years"))
        #expect(reason.description == "`age` 85 years is outside the range the model applies to (40–79 years)")
        let json = String(decoding: try JSONEncoder.sorted.encode(reason), as: UTF8.self)
        #expect(json == #"{"feature":"age","kind":"outside_applicable_range","range":{"lower":40,"upper":79},"#
                + #""reason":"`age` 85 years is outside the range the model applies to (40–79 years)","unit":"years","value":85}"#)
        #expect(try JSONDecoder().decode(NotAssessableReason.self, from: Data(json.utf8)) == reason)
        // The ends are inside.
        #expect(checks.applicability(cells: try Self.patient(["age": "40", "sex": "F"], policy: try Self.policy()).0) == nil)
        #expect(checks.applicability(cells: try Self.patient(["age": "79", "sex": "M"], policy: try Self.policy()).0) == nil)
        // Text in a numeric feature is the encoder's error to report, not an applicability reason.
        #expect(checks.applicability(cells: [.text("abc"), .text("F")]) == nil)
    }

    @Test func missingRequiredValuesAreNotAssessableUnlessImputationIsAllowed() throws {
        let policy = try Self.policy()
        let (noAge, _) = try Self.patient(["sex": "F"], policy: policy)
        let reason = try #require(try Self.checks().applicability(cells: noAge))
        #expect(reason.kind == .requiredMissing && reason.feature == "age" && reason.value == nil)
        #expect(reason.description == "`age` is missing and the model requires it")
        #expect(try Self.checks(allowImputation: true).applicability(cells: noAge) == nil)
        let (noSex, _) = try Self.patient(["age": "50", "sex": ""], policy: policy)
        #expect(try Self.checks().applicability(cells: noSex)?.feature == "sex")
    }

    @Test func modelsWithoutADomainCannotBeCheckedAndSaySo() throws {
        let old = try RiskModel.load(path: fixturePath("model-before-domain.json"))
        let checks = PatientChecks(model: old, policy: nil)
        let cells = try PatientInput(model: old, fields: ["age": "150"]).cells
        #expect(checks.applicability(cells: cells) == nil)
        try checks.checkPlausibility(cells: cells, fieldValues: [])
        #expect(checks.limitations == [
            "the model file records no training domain (observed ranges, required features): applicability cannot be checked",
            "the policy declares no plausible ranges: plausibility cannot be checked",
        ])
        #expect(try Self.checks().limitations.isEmpty)
    }

    @Test func unknownFieldNamesSuggestTheClosestKnownName() throws {
        let checks = try Self.checks()
        try checks.checkFieldNames(["age", "sex", "bmi", "id", "last_mammogram"])
        let typo = dataError { try checks.checkFieldNames(["age", "agee"]) }
        #expect(typo == DataError(code: .unknownField, column: "agee", "not a field of the model or the policy; did you mean `age`?"))
        let far = dataError { try checks.checkFieldNames(["cholesterol_total"]) }
        #expect(far?.message == "not a field of the model or the policy; known fields are: age, sex, bmi, last_mammogram, id")
        let two = dataError { try checks.checkFieldNames(["sexx", "bmj"]) }
        #expect(two == DataError(code: .unknownField, "unknown fields `bmj` (did you mean `bmi`?), `sexx` (did you mean `sex`?)"))
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, for comparing JSON text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
