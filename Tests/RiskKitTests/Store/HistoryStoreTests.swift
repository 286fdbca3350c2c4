import Foundation
import Testing
import RiskKit
import RiskKitTestSupport

/// The history stores' behaviour, the same suite on SQLite and on a real PostgreSQL server (when
/// `RISKKIT_TEST_POSTGRES_URL` names one, as `.ci/with-postgres` does): run lifecycle, resuming after a crash,
/// idempotency, all-or-nothing chunks, one writer, schema versions.
@Suite struct HistoryStoreTests {
    let description = RunDescription(
        asOf: "2026-12-01", inputSHA256: String(repeating: "a", count: 64), inputRows: 5,
        models: [RunModel(checksum: "sha256:" + String(repeating: "b", count: 64), description: "demo", outcome: "first ASCVD event", horizonYears: 10)],
        policyVersion: "2026.11", policySHA256: String(repeating: "c", count: 64), riskkitVersion: "0.1.0")

    /// Five patients' results: patient 3 not assessable.
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

    /// Ids and texts holding tabs, line breaks, backslashes, quotes and non-ASCII letters are stored and read back
    /// unchanged (PostgreSQL's `COPY` text format escapes them).
    @Test(arguments: StoreBackend.available)
    func awkwardTextsRoundTrip(_ backend: StoreBackend) async throws {
        let store = try await backend.open(try backend.newLocation())
        guard case .started(let run) = try await store.begin(description, startedAt: "2026-12-01T02:00:00Z") else {
            Issue.record("expected a new run")
            return
        }
        var awkward = result(3)
        awkward.patient = "Ünal\t\"O'Brien\"\\x\n2\r"
        awkward.notAssessableReason = "`age` 35\tis outside\\ the range"
        try await store.commit([result(0), awkward], run: run.id, rowsDone: 2, counts: RunCounts(scored: 1, notAssessable: 1))
        #expect(try await store.results(run: run.id) == [result(0), awkward])
        await store.close()
    }

    @Test(arguments: StoreBackend.available)
    func runIsRecordedOnceAndAgainIsNothingToDo(_ backend: StoreBackend) async throws {
        let location = try backend.newLocation()
        let store = try await backend.open(location)
        let start = try await store.begin(description, startedAt: "2026-12-01T02:00:00Z")
        guard case .started(let run) = start else { Issue.record("expected a new run, got \(start)"); return }
        #expect(run.id == 1)
        try await store.commit((0..<3).map(result), run: run.id, rowsDone: 3, counts: RunCounts(scored: 2, notAssessable: 1))
        try await store.commit((3..<5).map(result), run: run.id, rowsDone: 5,
                               counts: RunCounts(scored: 2, notAssessable: 0, rejected: ["implausible value": 1]))
        try await store.finish(run: run.id, status: .complete, endedAt: "2026-12-01T02:00:05Z")

        let runs = try await store.runs()
        #expect(runs.count == 1)
        #expect(runs[0].status == .complete && runs[0].rowsDone == 5 && runs[0].endedAt == "2026-12-01T02:00:05Z")
        #expect(runs[0].counts == RunCounts(scored: 4, notAssessable: 1, rejected: ["implausible value": 1]))
        #expect(runs[0].description == description)
        #expect(try await store.results(run: run.id) == (0..<5).map(result))
        await store.close()

        let reopened = try await backend.open(location)
        #expect(try await reopened.begin(description, startedAt: "2026-12-02T02:00:00Z") == .alreadyComplete(runs[0]))
        var other = description
        other.asOf = "2026-12-02"
        guard case .started(let second) = try await reopened.begin(other, startedAt: "2026-12-02T02:00:00Z") else {
            Issue.record("another as-of date is another run"); return
        }
        #expect(second.id == 2)
        #expect(try await reopened.runs().map(\.id) == [2, 1])
        await reopened.close()
    }

    /// A process killed after its first chunk: the next one resumes after the committed rows and ends with the
    /// same results as an uninterrupted run.
    @Test(arguments: StoreBackend.available)
    func anUnfinishedRunIsResumed(_ backend: StoreBackend) async throws {
        let location = try backend.newLocation()
        let first = try await backend.open(location)
        let begun = try await first.begin(description, startedAt: "2026-12-01T02:00:00Z").record
        try await first.commit((0..<3).map(result), run: begun.id, rowsDone: 3, counts: RunCounts(scored: 2, notAssessable: 1))
        await first.close()

        let store = try await backend.open(location)
        let start = try await store.begin(description, startedAt: "2026-12-01T03:00:00Z")
        guard case .resumed(let run) = start else { Issue.record("expected a resumed run, got \(start)"); return }
        #expect(run.rowsDone == 3 && run.startedAt == "2026-12-01T02:00:00Z")
        try await store.commit((3..<5).map(result), run: run.id, rowsDone: 5, counts: RunCounts(scored: 2))
        try await store.finish(run: run.id, status: .complete, endedAt: "2026-12-01T03:00:01Z")
        #expect(try await store.results(run: run.id) == (0..<5).map(result))
        #expect(try await store.runs().map(\.counts) == [RunCounts(scored: 4, notAssessable: 1)])
        await store.close()
    }

    /// A patient stored twice in one run is refused by the primary key, and the failed chunk leaves nothing behind
    /// (neither its results nor the progress marker move).
    @Test(arguments: StoreBackend.available)
    func aChunkIsAllOrNothing(_ backend: StoreBackend) async throws {
        let store = try await backend.open(try backend.newLocation())
        let run = try await store.begin(description, startedAt: "2026-12-01T02:00:00Z").record
        try await store.commit([result(0)], run: run.id, rowsDone: 1, counts: RunCounts(scored: 1))
        var twice = result(1)
        twice.patient = "P0"
        await #expect(throws: StoreError.self) {
            try await store.commit([result(2), twice], run: run.id, rowsDone: 3, counts: RunCounts(scored: 2))
        }
        #expect(try await store.results(run: run.id) == [result(0)])
        #expect(try await store.runs()[0].rowsDone == 1)
        await store.close()
    }

    /// One writer per store: a second process (here a second connection) is refused with the running run named,
    /// or waits, and gets the lock once the first lets go.
    @Test(arguments: StoreBackend.available)
    func oneWriterAtATime(_ backend: StoreBackend) async throws {
        let location = try backend.newLocation()
        let first = try await backend.open(location)
        try await first.lockForWriting(wait: 0)
        _ = try await first.begin(description, startedAt: "2026-12-01T02:00:00Z")
        let second = try await backend.open(location)
        let started = Date()
        do {
            try await second.lockForWriting(wait: 0.3)
            Issue.record("two writers at once")
        } catch {
            #expect(error.code == .busy)
            #expect(error.message.hasPrefix("run 1 (as of 2026-12-01, started 2026-12-01T02:00:00Z) is in progress in another process"),
                    "\(error.message)")
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        await first.close()
        try await second.lockForWriting(wait: 0)
        await second.close()
    }

    /// A store written by a newer RiskKit (a migration this version does not know) is refused, not misread.
    @Test(arguments: StoreBackend.available)
    func newerSchemaIsRefused(_ backend: StoreBackend) async throws {
        let location = try backend.newLocation()
        await try backend.open(location).close()
        let table = backend == .sqlite ? "grdb_migrations" : "riskkit_migrations"
        try backend.execute("INSERT INTO \(table) VALUES ('v9: from the future')", at: location)
        do {
            _ = try await backend.open(location)
            Issue.record("a newer store was opened")
        } catch let error as StoreError {
            #expect(error.code == .newerSchema)
        }
    }

    // MARK: - SQLite only

    @Test func sqliteFilesAreOwnerOnly() throws {
        let path = try temporaryFolder() + "/history.sqlite"
        let store = try SQLiteHistoryStore(path: path)
        let run = try store.begin(description, startedAt: "2026-12-01T02:00:00Z").record
        try store.commit([result(0)], run: run.id, rowsDone: 1, counts: RunCounts(scored: 1))
        // The write-ahead log and shared-memory index hold patient data too: SQLite gives them the store's mode.
        for suffix in ["", "-wal", "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(suffix)")
        }
        #expect(try store.integrityCheck() == ["ok"])
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

    // MARK: - Values

    @Test func recommendationSetsRoundTrip() {
        let set = RecommendationSet([.init(rule: "CV-01", kind: "therapy", intervalMonths: nil),
                                     .init(rule: "DM-01", kind: "screening", intervalMonths: 36)])
        #expect(set.encoded == "CV-01/therapy/;DM-01/screening/36")
        #expect(RecommendationSet(encoded: set.encoded) == set)
        #expect(RecommendationSet(encoded: "") == RecommendationSet([]))
        #expect(RecommendationSet(encoded: "CV-01/therapy") == nil)
        #expect(RecommendationSet(encoded: "CV-01/therapy/x") == nil)
    }

    @Test func postgresAddressesKeepTheirPasswordOutOfNames() throws {
        let address = try PostgresAddress("postgresql://care%20team:s3cret@db.example:6543/history", environment: [:])
        #expect(address.user == "care team" && address.password == "s3cret" && address.host == "db.example")
        #expect(address.port == 6543 && address.database == "history")
        #expect(address.name == "postgresql://care team@db.example:6543/history")
        let fromEnvironment = try PostgresAddress("postgres://u@127.0.0.1/h", environment: ["PGPASSWORD": "p"])
        #expect(fromEnvironment.password == "p" && fromEnvironment.port == 5432)
        #expect(PostgresAddress.lookUp(in: "# comment\nother:*:*:*:no\n127.0.0.1:5432:*:u:pa\\:ss\n", host: "127.0.0.1",
                                       port: 5432, database: "h", user: "u") == "pa:ss")
        do {
            _ = try PostgresAddress("postgresql://u:secret@host", environment: [:])
            Issue.record("an address without a database")
        } catch {
            #expect(!error.description.contains("secret"))
        }
    }
}
