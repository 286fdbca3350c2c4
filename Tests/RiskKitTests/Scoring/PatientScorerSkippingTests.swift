import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitScoring

/// The block path with bad rows skipped, and patients the model cannot assess, read in one pass (a file with
/// quotes does not split at line feeds), against the single-patient path.
@Suite struct PatientScorerSkippingTests {
    /// Rows: good, a not a number, an unknown sex, 3 fields, good, a missing (imputed: not required), a = 3
    /// (outside the declared applicable range 0–2: not assessable).
    let csv = "id,a,b,sex\n\"p1\",1,0,F\np2,x,0,F\np3,1,0,Q\np4,1,0\np5,1,0,M\np6,,0,F\np7,3,0,F\n"

    func blocks(_ scorer: PatientScorer, skipping: Bool) async throws -> [PatientBlock] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try csv.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let file = try PatientFile(path: folder + "/p.csv", model: scorer.model)
        #expect(!file.reader.splitsAtLineFeeds)
        var blocks: [PatientBlock] = []
        try await scorer.forEachBlock(in: file, skippingBadRows: skipping, format: { _ in () }) { block, _ in blocks.append(block) }
        return blocks
    }

    @Test func badRowsAreListedAndTheOthersScored() async throws {
        let scorer = PatientScorer(model: try PatientScorerTests().model())
        let blocks = try await blocks(scorer, skipping: true)
        let ids = blocks.flatMap { b in (0..<b.count).map { b.ids[$0] } }
        #expect(ids == ["p1", "p5", "p6", "p7"])
        let rejects = blocks.flatMap(\.rejects)
        #expect(rejects.map(\.kind) == [.unparseableValue, .unknownLevel, .malformedRecord])
        #expect(rejects.map(\.line) == [3, 4, 5])
        #expect(rejects.map(\.id) == ["p2", "p3", nil])
        #expect(rejects.map(\.field) == ["a", "sex", nil])
        // The good rows are scored as the single-patient path scores them.
        let block = try #require(blocks.first)
        for (i, fields) in [["a": "1", "b": "0", "sex": "F"], ["a": "1", "b": "0", "sex": "M"], ["a": "", "b": "0", "sex": "F"],
                            ["a": "3", "b": "0", "sex": "F"]].enumerated() {
            var single = try scorer.report(PatientInput(model: scorer.model, fields: fields))
            single.score.id = block.ids[i]
            #expect(block.report(i, scorer: scorer) == single)
        }
        let reason = try #require(block.report(3, scorer: scorer).notAssessable)
        #expect(reason.kind == .outsideApplicableRange && reason.feature == "a" && reason.value == 3)
        #expect(block.report(2, scorer: scorer).status == .scored)
    }

    @Test func withoutSkippingTheFirstBadRowStops() async throws {
        let scorer = PatientScorer(model: try PatientScorerTests().model())
        await #expect(throws: DataError.self) { _ = try await blocks(scorer, skipping: false) }
    }
}
