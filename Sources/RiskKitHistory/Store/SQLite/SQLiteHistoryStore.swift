import Foundation
internal import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The embedded score history: one SQLite file (GRDB `DatabasePool`, write-ahead log, busy timeout), created on
/// first use with owner-only permissions (the write-ahead log and shared-memory files inherit them).
///
/// Durability: `synchronous = NORMAL` in WAL mode. A killed process loses nothing committed; a power loss may
/// roll back the last commits, but each chunk of results and its progress marker are one transaction, so they
/// roll back together and the next invocation redoes them: the store is never half-written.
public final class SQLiteHistoryStore: HistoryStore {
    public let name: String
    let pool: DatabasePool
    /// The writer lock, once taken: `flock` on `<store>.lock`.
    private let writerLock = Mutex<RunLock?>(nil)

    /// Opens (creating if missing) the store at `path`, migrating an older schema.
    /// - Throws: ``StoreError`` `.newerSchema` for a store written by a newer RiskKit, `.io` when the file cannot
    ///   be created or opened or is not a RiskKit store, `.busy` when another process holds it past the timeout.
    public init(path: String, busyTimeout: Double = 10) throws(StoreError) {
        name = path
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 || errno == EEXIST else {
                throw StoreError(.io, store: path, "cannot create the store: \(String(cString: strerror(errno)))")
            }
            if fd >= 0 { Glibc.close(fd) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(error, store: path, doing: "open the store")
        }
        let migrator = Self.migrator
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(.newerSchema, store: path,
                                 "the store was written by a newer RiskKit (its schema has migrations this version does not know); use that version or a new store")
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: path, doing: "prepare the store's schema")
        }
    }

    public func lockForWriting(wait: Double) throws(StoreError) {
        do {
            let lock = try RunLock(path: name + ".lock", store: name, wait: wait)
            writerLock.withLock { $0 = lock }
        } catch where error.code == .busy {
            throw StoreError(.busy, store: name, try runningRunMessage(in: runs()))
        }
    }

    public func close() {
        writerLock.withLock { $0 = nil }
    }

    public func begin(_ description: RunDescription, startedAt: String) throws(StoreError) -> RunStart {
        let key = description.key
        return try write("record the run") { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_key = ? AND status != 'interrupted' ORDER BY id DESC LIMIT 1", arguments: [key]) {
                let record = try Self.record(row, store: self.name)
                return record.status == .complete ? .alreadyComplete(record) : .resumed(record)
            }
            let models = String(decoding: try JSONEncoder().encode(description.models), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO runs (run_key, as_of, input_sha256, input_rows, models, policy_version, policy_sha256,
                                  pseudonym_key, riskkit_version, status, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)
                """, arguments: [key, description.asOf, description.inputSHA256, description.inputRows, models,
                                 description.policyVersion, description.policySHA256,
                                 description.pseudonymKeyFingerprint, description.riskkitVersion, startedAt])
            return .started(RunRecord(id: db.lastInsertedRowID, description: description, status: .running,
                                      startedAt: startedAt, endedAt: nil, rowsDone: 0, counts: RunCounts()))
        }
    }

    /// Rows per multi-row `INSERT` (10 parameters each, well under SQLite's limit of 32,766).
    private static let rowsPerInsert = 100

    public func commit(_ results: [PatientResult], run: Int64, rowsDone: Int, counts: RunCounts) throws(StoreError) {
        try write("store results") { db in
            // Rows go in `rowsPerInsert` at a time, one multi-row INSERT each (fewer statement steps and argument
            // lists than a row at a time), the rest one by one.
            let columns = "INSERT INTO results (run_id, model, patient, row, risk, percentile, band, recommendations, not_assessable_reason, input_hash) VALUES "
            let tuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            let many = try db.cachedStatement(sql: columns + Array(repeating: tuple, count: Self.rowsPerInsert).joined(separator: ", "))
            let one = try db.cachedStatement(sql: columns + tuple)
            var values: [(any DatabaseValueConvertible)?] = []
            values.reserveCapacity(10 * Self.rowsPerInsert)
            var start = 0
            while start < results.count {
                let end = results.count - start >= Self.rowsPerInsert ? start + Self.rowsPerInsert : start + 1
                values.removeAll(keepingCapacity: true)
                for r in results[start..<end] {
                    values += [run, r.model, r.patient, r.row, r.risk, r.percentile, r.band, r.recommendations.encoded,
                               r.notAssessableReason, r.inputHash] as [(any DatabaseValueConvertible)?]
                }
                try (end - start == 1 ? one : many).execute(arguments: StatementArguments(values))
                start = end
            }
            let stored = try String.fetchOne(db, sql: "SELECT rejected FROM runs WHERE id = ?", arguments: [run]) ?? "{}"
            var rejected = try JSONDecoder().decode([String: Int].self, from: Data(stored.utf8))
            rejected.merge(counts.rejected, uniquingKeysWith: +)
            let rejectedText = String(decoding: try Self.sortedEncoder.encode(rejected), as: UTF8.self)
            try db.execute(sql: """
                UPDATE runs SET rows_done = ?, scored = scored + ?, not_assessable = not_assessable + ?, rejected = ?
                WHERE id = ? AND status = 'running'
                """, arguments: [rowsDone, counts.scored, counts.notAssessable, rejectedText, run])
            guard db.changesCount == 1 else {
                throw StoreError(.corrupt, store: self.name, "run \(run) is not running")
            }
        }
    }

    public func finish(run: Int64, status: RunStatus, endedAt: String) throws(StoreError) {
        try write("close the run") { db in
            try db.execute(sql: "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                           arguments: [status.rawValue, endedAt, run])
        }
    }

    public func runs() throws(StoreError) -> [RunRecord] {
        try read("read the runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC").map { row throws(StoreError) in
                try Self.record(row, store: self.name)
            }
        }
    }

    public func results(run: Int64) throws(StoreError) -> [PatientResult] {
        let store = name
        return try read("read the results") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT r.model, \(Self.resultColumns("r")) FROM results r WHERE r.run_id = ? ORDER BY r.row, r.model",
                                        arguments: [run])
            return try rows.map { row throws(StoreError) in try Self.result(row, at: 1, model: row[0], store: store) }
        }
    }

    /// `PRAGMA integrity_check`'s verdict: `ok`, or the problems it lists.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read("check the store") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: - Helpers

    static let sortedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: name, doing: doing)
        }
    }

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: name, doing: doing)
        }
    }

    /// A run row as a record.
    static func record(_ row: Row, store: String) throws(StoreError) -> RunRecord {
        let modelsText: String = row["models"], rejectedText: String = row["rejected"], statusText: String = row["status"]
        guard let models = try? JSONDecoder().decode([RunModel].self, from: Data(modelsText.utf8)),
              let rejected = try? JSONDecoder().decode([String: Int].self, from: Data(rejectedText.utf8)),
              let status = RunStatus(rawValue: statusText) else {
            throw StoreError(.corrupt, store: store, "run \(row["id"] as Int64) has a field that does not read")
        }
        let description = RunDescription(
            asOf: row["as_of"], inputSHA256: row["input_sha256"], inputRows: row["input_rows"], models: models,
            policyVersion: row["policy_version"], policySHA256: row["policy_sha256"],
            pseudonymKeyFingerprint: row["pseudonym_key"], riskkitVersion: row["riskkit_version"])
        return RunRecord(id: row["id"], description: description, status: status, startedAt: row["started_at"],
                         endedAt: row["ended_at"], rowsDone: row["rows_done"],
                         counts: RunCounts(scored: row["scored"], notAssessable: row["not_assessable"], rejected: rejected))
    }

    /// A GRDB or system error as a store error: busy for SQLITE_BUSY/LOCKED, I/O otherwise.
    static func storeError(_ error: any Error, store: String, doing: String) -> StoreError {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.busy, store: store, "cannot \(doing): the store is busy (another process is writing)")
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(.io, store: store, "cannot \(doing): not a RiskKit store, or damaged (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))")
            default:
                return StoreError(.io, store: store, "cannot \(doing): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
            }
        }
        return StoreError(.io, store: store, "cannot \(doing): \(error)")
    }
}
