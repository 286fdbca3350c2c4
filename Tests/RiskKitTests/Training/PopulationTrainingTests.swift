import Foundation
import Testing
@testable import RiskKitData
@testable import RiskKitModels

/// `train --applicable` on levels and on columns that are no feature: saved in the model as ``PopulationCriterion``s,
/// the training rows outside counted in the notes (from the fixture's own cells), and names or levels the data do
/// not hold refused with a suggestion.
@Suite struct PopulationTrainingTests {
    let path = fixturePath("train-small.csv")

    func options(_ change: (inout TrainingOptions) -> Void) -> TrainingOptions {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        change(&options)
        return options
    }

    /// The fixture's rows with an outcome, as (sex, region).
    func usedRows() throws -> [(sex: String, region: String)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return cells[7].isEmpty ? nil : (cells[2], cells[3])
        }
    }

    @Test func aColumnLeftOutOfTheFeaturesIsReadForThePopulation() throws {
        let report = try ModelTrainer.train(dataPath: path, options: options {
            $0.exclude = ["sex"]
            $0.applicableLevels = ["sex": ["F"]]
        })
        #expect(report.model.population == [PopulationCriterion(field: "sex", levels: ["F"], required: true)])
        #expect(!report.model.schema.features.map(\.name).contains("sex"))
        let rows = try usedRows()
        let men = rows.filter { $0.sex == "M" }.count
        let note = try #require(report.notes.first { $0.hasPrefix("declared population") })
        #expect(note == "declared population (sex ∈ {F}): \(men) of \(rows.count) training rows lie outside it "
                + "(\(men) with `sex` not F); they stay in the fit, so filter the data to fit on the population only")
    }

    @Test func aFeaturesLevelsAndAnOptionalField() throws {
        let report = try ModelTrainer.train(dataPath: path, options: options {
            $0.exclude = ["sex"]
            $0.optional = ["sex"]
            $0.applicableLevels = ["region": ["north", "south"], "sex": ["F", "M"]]
        })
        // region is a feature (required: no missing training value); sex is optional.
        #expect(report.model.population == [PopulationCriterion(field: "region", levels: ["north", "south"], required: true),
                                            PopulationCriterion(field: "sex", levels: ["F", "M"], required: false)])
        let outside = try usedRows().filter { !["north", "south"].contains($0.region) }.count
        #expect(report.notes.contains { $0.contains(": \(outside) of ") && $0.contains("(\(outside) with `region` not north, south)") })
    }

    @Test func namesAndLevelsTheDataDoNotHoldAreRefused() throws {
        let typo = dataError { _ = try ModelTrainer.train(dataPath: path, options: options { $0.applicableLevels = ["sexx": ["F"]] }) }
        #expect(typo?.code == .featureNotFound)
        #expect(typo?.column == "sexx")
        #expect(typo?.message == "not a column of the training data; did you mean `sex`?")
        let level = dataError {
            _ = try ModelTrainer.train(dataPath: path, options: options { $0.exclude = ["sex"]; $0.applicableLevels = ["sex": ["f"]] })
        }
        #expect(level?.code == .populationLevelNotFound)
        #expect(level?.message == "no training row has the value `f` (the values are: F, M); did you mean `F`?")
        let range = dataError {
            _ = try ModelTrainer.train(dataPath: path, options: options { $0.exclude = ["sex"]; $0.applicable = ["sex": ValueRange(lower: 0, upper: 1)] })
        }
        #expect(range?.code == .applicableRangeNotNumeric)
    }
}
