import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels

/// Path of a committed fixture file.
func fixturePath(_ name: String) -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return url.path
}

/// The `DataError` thrown by `body`, or `nil`.
func dataError(_ body: () async throws -> Void) async -> DataError? {
    do {
        try await body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

/// The `DataError` thrown by `body`, or `nil`.
func dataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

/// A saved model built in a test from its schema and coefficients (intercept first, then the schema's encoded
/// columns), with placeholder fit and provenance: for closed-form checks of scoring.
func testModel(schema: FeatureSchema, estimates: [Double], genetics: GeneticComponent? = nil) -> RiskModel {
    let names = ["(Intercept)"] + schema.encodedColumnNames
    return RiskModel(
        description: nil, outcome: OutcomeDefinition(column: "y", positiveLabel: "1", negativeLabel: "0"),
        idColumn: "id", schema: schema,
        coefficients: zip(names, estimates).map { CoefficientEstimate(name: $0, estimate: $1) },
        fit: FitSummary(penalty: "none", lambda: nil, alpha: nil, lambdaSelection: nil, iterations: 1, converged: true,
                        deviance: 1, nullDeviance: 1, logLikelihood: -1, aic: 1, n: 2, events: 1),
        calibration: Calibration(prevalence: nil, sampleEventRate: 0.5),
        referenceRisks: ReferenceDistribution(values: [0.1, 0.9]), crossValidation: nil,
        training: TrainingProvenance(dataFile: "d.csv", dataSHA256: "00", rowsRead: 2, rowsUsed: 2, rowsSkipped: [:],
                                     events: 1, date: "2026-11-25T00:00:00Z", riskkitVersion: "0", options: [:]),
        genetics: genetics)
}

/// Every row of the CSV file at `path` scored by `scorer` on the block path: the JSON Lines writer's bytes for each,
/// JSONEncoder's encoding of the same report (with its line feed) beside them, and the reports.
struct JSONLinesAgainstEncoder {
    var lines: [[UInt8]] = []
    var expected: [[UInt8]] = []
    var reports: [PatientReport] = []
    /// The writer's lines as text.
    var texts: [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    init(_ scorer: PatientScorer, path: String, encoder: JSONEncoder) async throws {
        var result = Self.empty
        try await scorer.forEachBlock(in: try PatientFile(path: path, model: scorer.model), format: { _ in () }) { block, _ in
            let writer = PatientLineWriter(scorer: scorer)
            for i in 0..<block.count {
                var line: [UInt8] = []
                try writer.appendJSON(i, of: block, to: &line)
                let report = block.report(i, scorer: scorer)
                result.lines.append(line)
                result.expected.append(Array(try encoder.encode(report)) + [0x0A])
                result.reports.append(report)
            }
        }
        self = result
    }

    private init() {}
    private static var empty: Self { Self() }
}
