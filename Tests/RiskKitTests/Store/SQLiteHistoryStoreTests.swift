import Foundation
import Testing
import RiskKit

/// The SQLite history store: run lifecycle, resuming after a crash, idempotency, one writer, schema versions.
@Suite struct SQLiteHistoryStoreTests {
    let description = RunDescription(
        asOf: "2026-12-01", inputSHA256: String(repeating: "a", count: 64), inputRows: 5,
        models: [RunModel(checksum: "sha256:" + String(repeating: "b", count: 64), description: "demo", outcome: "first ASCVD event", horizonYears: 10)],
        policyVersion: "2026.11", policySHA256: String(repeating: "c", count: 64), riskkitVersion: "0.1.0")

    /// Five patients' results: two scored chunks; patient 3 not assessable.
    func result(_ row: Int) -> PatientResult {
        let assessable = row != 3
        return PatientResult(
            row: row, model: 0, patient: "P\(row)", risk: assessable ? 0.01 * Double(row + 1) : nil,
            percentile: assessable ? Double(10 * row) : nil, band: assessable ? "low" : nil,
            recommendations: RecommendationSet([.init(rule: "RA-02", kind: "screening", intervalMonths: nil),
                                                .init(rule: "BR-01", kind: "screening", intervalMonths: 24)]),
            notAssessableReason: assessable ? nil : "age 35 is outside the model's applicable range 40–78",
            inputHash: String(repeating: "\(row)", count: 64))
    }

    @Test func runIsRecordedOnceAndAgainIsNothingToDo() throws {
        let path = try temporaryFolder() + "/history.sqlite"
        let store = try SQLiteHistoryStore(path: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let start = try store.begin(description, startedAt: "2026-12-01T02:00:00Z")
        guard case .started(let run) = start else { Issue.record("expected a new run, got \(start)"); return }
        #expect(run.id == 1)
        try store.commit((0..<3).map(result), run: run.id, rowsDone: 3, counts: RunCounts(scored: 2, notAssessable: 1))
        try store.commit((3..<5).map(result), run: run.id, rowsDone: 5,
                         counts: RunCounts(scored: 2, notAssessable: 0, rejected: ["implausible value": 1]))
        try store.finish(run: run.id, status: .complete, endedAt: "2026-12-01T02:00:05Z")
        // The write-ahead log and shared-memory index hold patient data too: SQLite gives them the store's mode.
        for suffix in ["-wal", "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(suffix)")
        }

        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs[0].status == .complete && runs[0].rowsDone == 5 && runs[0].endedAt == "2026-12-01T02:00:05Z")
        #expect(runs[0].counts == RunCounts(scored: 4, notAssessable: 1, rejected: ["implausible value": 1]))
        #expect(runs[0].description == description)
        #expect(try store.results(run: run.id) == (0..<5).map(result))

        let again = try SQLiteHistoryStore(path: path).begin(description, startedAt: "2026-12-02T02:00:00Z")
        #expect(again == .alreadyComplete(runs[0]))
        var other = description
        other.asOf = "2026-12-02"
        guard case .started(let second) = try store.begin(other, startedAt: "2026-12-02T02:00:00Z") else {
            Issue.record("another as-of date is another run"); return
        }
        #expect(second.id == 2)
        #expect(try store.runs().map(\.id) == [2, 1])
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// A process killed after its first chunk: the next one resumes after the committed rows and ends with the
    /// same results as an uninterrupted run.
    @Test func anUnfinishedRunIsResumed() throws {
        let path = try temporaryFolder() + "/history.sqlite"
        do {
            let store = try SQLiteHistoryStore(path: path)
            let run = try store.begin(description, startedAt: "2026-12-01T02:00:00Z").record
            try store.commit((0..<3).map(result), run: run.id, rowsDone: 3, counts: RunCounts(scored: 2, notAssessable: 1))
        }
        let store = try SQLiteHistoryStore(path: path)
        let start = try store.begin(description, startedAt: "2026-12-01T03:00:00Z")
        guard case .resumed(let run) = start else { Issue.record("expected a resumed run, got \(start)"); return }
        #expect(run.rowsDone == 3 && run.startedAt == "2026-12-01T02:00:00Z")
        try store.commit((3..<5).map(result), run: run.id, rowsDone: 5, counts: RunCounts(scored: 2))
        try store.finish(run: run.id, status: .complete, endedAt: "2026-12-01T03:00:01Z")
        #expect(try store.results(run: run.id) == (0..<5).map(result))
        #expect(try store.runs().map(\.counts) == [RunCounts(scored: 4, notAssessable: 1)])
    }

    /// A patient stored twice in one run is refused by the primary key, and the failed chunk leaves nothing behind
    /// (neither its results nor the progress marker move).
    @Test func aChunkIsAllOrNothing() throws {
        let store = try SQLiteHistoryStore(path: try temporaryFolder() + "/history.sqlite")
        let run = try store.begin(description, startedAt: "2026-12-01T02:00:00Z").record
        try store.commit([result(0)], run: run.id, rowsDone: 1, counts: RunCounts(scored: 1))
        var twice = result(1)
        twice.patient = "P0"
        #expect(throws: StoreError.self) {
            try store.commit([result(2), twice], run: run.id, rowsDone: 3, counts: RunCounts(scored: 2))
        }
        #expect(try store.results(run: run.id) == [result(0)])
        #expect(try store.runs()[0].rowsDone == 1)
    }

    @Test func oneWriterAtATime() throws {
        let path = try temporaryFolder() + "/history.sqlite.lock"
        var first: RunLock? = try RunLock(path: path, store: "history.sqlite")
        #expect(first != nil)
        let started = Date()
        #expect(throws: StoreError(.busy, store: "history.sqlite", "another riskkit process is writing to this store")) {
            _ = try RunLock(path: path, store: "history.sqlite", wait: 0.2)
        }
        #expect(Date().timeIntervalSince(started) >= 0.2)
        first = nil
        _ = try RunLock(path: path, store: "history.sqlite")
    }

    /// A store written by a newer RiskKit (a migration this version does not know) is refused, not misread.
    @Test func newerSchemaIsRefused() throws {
        let path = try temporaryFolder() + "/history.sqlite"
        _ = try SQLiteHistoryStore(path: path)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, "INSERT INTO grdb_migrations VALUES ('v9: from the future')"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        #expect(throws: StoreError.self) { _ = try SQLiteHistoryStore(path: path) }
        do {
            _ = try SQLiteHistoryStore(path: path)
        } catch {
            #expect(error.code == .newerSchema)
        }
    }

    @Test func aFileThatIsNoStoreIsRefused() throws {
        let path = try temporaryFolder() + "/notes.txt"
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteHistoryStore(path: path)
            Issue.record("a text file opened as a store")
        } catch {
            #expect(error.code == .io)
        }
    }

    @Test func recommendationSetsRoundTrip() {
        let set = RecommendationSet([.init(rule: "CV-01", kind: "therapy", intervalMonths: nil),
                                     .init(rule: "DM-01", kind: "screening", intervalMonths: 36)])
        #expect(set.encoded == "CV-01/therapy/;DM-01/screening/36")
        #expect(RecommendationSet(encoded: set.encoded) == set)
        #expect(RecommendationSet(encoded: "") == RecommendationSet([]))
        #expect(RecommendationSet(encoded: "CV-01/therapy") == nil)
        #expect(RecommendationSet(encoded: "CV-01/therapy/x") == nil)
    }
}
