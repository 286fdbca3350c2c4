import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels

/// The training domain a model records: observed ranges, required features, applicable ranges, and the outcome
/// contract, set by `train` options and kept through the model file.
@Suite struct TrainingDomainTests {
    /// `train-small.csv` with `age` blank on data line 2 and `bmi` blank on data lines 3 and 4 (outcomes present).
    func dataWithGaps() throws -> String {
        var lines = try String(contentsOfFile: fixturePath("train-small.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func blank(_ line: Int, column: Int) {
            var cells = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = ""
            lines[line] = cells.joined(separator: ",")
        }
        blank(2, column: 1)  // age
        blank(3, column: 5)  // bmi
        blank(4, column: 5)
        let path = try temporaryFolder() + "/gaps.csv"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Minimum and maximum of a numeric column over the rows whose outcome (last column) is present, read with a
    /// plain split of the fixture (no quoting in it), independently of the CSV reader.
    func observedRange(_ path: String, column: Int) throws -> (Double, Double) {
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { !$0.last!.isEmpty }
        let values = rows.compactMap { Double($0[column]) }
        return (values.min()!, values.max()!)
    }

    @Test func observedRangesAndDefaultRequiredFeatures() throws {
        let path = try dataWithGaps()
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        let model = try ModelTrainer.train(dataPath: path, options: options).model
        let byName = Dictionary(uniqueKeysWithValues: model.schema.features.map { ($0.name, $0) })
        for (name, column) in [("age", 1), ("bmi", 5), ("systolic_bp", 6), ("smoker", 4)] {
            let (lo, hi) = try observedRange(path, column: column)
            #expect(byName[name]!.observedMin == lo, "\(name)")
            #expect(byName[name]!.observedMax == hi, "\(name)")
            // Recorded, not enforced: nothing was declared applicable, so every plausible value is scored.
            #expect(byName[name]!.applicable == nil, "\(name)")
        }
        #expect(byName["sex"]!.observedMin == nil)
        #expect(byName["sex"]!.applicable == nil)
        // No missing value → required; bmi had two → optional; age is always required, even with a gap.
        #expect(byName["age"]!.required == true)
        #expect(byName["sex"]!.required == true)
        #expect(byName["region"]!.required == true)
        #expect(byName["bmi"]!.required == false)
        #expect(model.outcome.label == nil && model.outcome.horizonYears == nil)
        #expect(byName["age"]!.applicable == nil)
    }

    @Test func optionsOverrideTheDefaultsAndDeclareTheContract() throws {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        options.required = ["bmi"]
        options.optional = ["systolic_bp", "age"]
        options.applicable = ["age": ValueRange(lower: 45, upper: 70), "bmi": ValueRange(lower: nil, upper: 60)]
        options.outcomeLabel = "first ASCVD event"
        options.horizonYears = 10
        let report = try ModelTrainer.train(dataPath: try dataWithGaps(), options: options)
        let byName = Dictionary(uniqueKeysWithValues: report.model.schema.features.map { ($0.name, $0) })
        #expect(byName["bmi"]!.required == true)
        #expect(byName["systolic_bp"]!.required == false)
        #expect(byName["age"]!.required == false)
        #expect(byName["age"]!.applicable == ValueRange(lower: 45, upper: 70))
        #expect(byName["bmi"]!.applicable == ValueRange(lower: nil, upper: 60))
        #expect(report.model.outcome.label == "first ASCVD event")
        #expect(report.model.outcome.horizonYears == 10)
        // bmi ≤ 60 has no lower bound, so it reaches below the training minimum: noted as extrapolation.
        #expect(report.notes.contains { $0.hasPrefix("`bmi`: applicable range ≤ 60 reaches beyond the training range") })
        #expect(!report.notes.contains { $0.hasPrefix("`age`: applicable") })

        // Through the file format and back.
        let file = try temporaryFolder() + "/m.json"
        try report.model.write(to: file)
        let loaded = try RiskModel.load(path: file)
        #expect(loaded.schema == report.model.schema)
        #expect(loaded.outcome == report.model.outcome)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"horizon_years\" : 10"))
        #expect(text.contains("\"label\" : \"first ASCVD event\""))
        #expect(text.contains("\"applicable\" : {\n          \"lower\" : 45,\n          \"upper\" : 70\n        }"))
    }

    @Test func unknownOrCategoricalFeaturesInTheOptionsAreErrors() throws {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        options.required = ["systolic"]
        let typo = dataError { _ = try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options) }
        #expect(typo?.code == .featureNotFound)
        #expect(typo?.column == "systolic")
        #expect(typo?.message == "not a feature of the model; did you mean `systolic_bp`?")

        options.required = []
        options.applicable = ["region": ValueRange(lower: 0, upper: 1)]
        let categorical = dataError { _ = try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options) }
        #expect(categorical?.code == .applicableRangeNotNumeric)
        #expect(categorical?.column == "region")
    }

    /// A model file written before the training domain was kept (no `observed_*`, `required`, `applicable`,
    /// `label`, `horizon_years`) loads, its checksum intact, with every new value unknown. The fixture is
    /// `Models/demo-cvd-model.json` as of commit 7327af4 (RiskKit 0.1.0).
    @Test func oldModelFilesLoadWithUnknownDomain() throws {
        let model = try RiskModel.load(path: fixturePath("model-before-domain.json"))
        #expect(model.outcome.label == nil && model.outcome.horizonYears == nil)
        for feature in model.schema.features {
            #expect(feature.observedMin == nil && feature.observedMax == nil)
            #expect(feature.required == nil && feature.applicable == nil && feature.applicable == nil)
        }
    }

    @Test(arguments: [
        ("40..79", ValueRange(lower: 40, upper: 79)), ("..60", ValueRange(lower: nil, upper: 60)),
        ("18..", ValueRange(lower: 18, upper: nil)), (" -2.5 .. 3 ", ValueRange(lower: -2.5, upper: 3)),
    ])
    func rangesParse(text: String, expected: ValueRange) {
        #expect(ValueRange(parsing: text) == expected)
    }

    @Test(arguments: ["..", "40", "79..40", "a..b", "1..inf", ""])
    func malformedRangesDoNotParse(text: String) {
        #expect(ValueRange(parsing: text) == nil)
    }

    @Test func rangesContainTheirEndsAndDescribeThemselves() {
        let r = ValueRange(lower: 40, upper: 79)
        #expect(r.contains(40) && r.contains(79) && !r.contains(39.999) && !r.contains(79.5) && !r.contains(.nan))
        #expect(ValueRange(lower: nil, upper: 60).contains(-1e300))
        #expect(r.description == "40–79")
        #expect(ValueRange(lower: 18.5, upper: nil).description == "≥ 18.5")
        #expect(ValueRange(lower: nil, upper: 60).description == "≤ 60")
    }

    @Test func editDistanceAndSuggestions() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("sistolic_bp", "systolic_bp") == 1)
        #expect(EditDistance.closest(to: "Sistolic_BP", among: ["age", "systolic_bp", "sex"]) == "systolic_bp")
        #expect(EditDistance.closest(to: "cholesterol", among: ["age", "sex"]) == nil)
    }
}
