import Foundation
internal import Logging
internal import PostgresNIO

/// The shared score history on a PostgreSQL server (postgres-nio, one connection per process): the same tables,
/// the same run protocol and the same behaviour as ``SQLiteHistoryStore``.
///
/// One writer per store is a session-level advisory lock (`pg_try_advisory_lock`), which the server releases when
/// the connection ends, however the process ends. A chunk of results goes in one multi-row `INSERT` per 4,000 rows,
/// in the same transaction as the run's progress marker.
public final class PostgresHistoryStore: HistoryStore {
    public let name: String
    let connection: PostgresConnection
    let logger: Logger

    /// Advisory-lock key of the writer lock (the text "riskkit history" as a number).
    private static let lockKey: Int64 = 0x7269_736B_6869_7374

    /// Connects to `address`, creating or migrating the schema.
    /// - Throws: ``StoreError`` `.io` when the server cannot be reached or refuses the login, `.newerSchema` for a
    ///   store written by a newer RiskKit.
    public static func connect(_ address: PostgresAddress) async throws(StoreError) -> PostgresHistoryStore {
        // postgres-nio's own messages would be of no use to a scheduler's log and must never carry values.
        let logger = Logger(label: "riskkit.store", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw storeError(error, store: address.name, doing: "connect")
        }
        let store = PostgresHistoryStore(name: address.name, connection: connection, logger: logger)
        do {
            try await store.migrate()
        } catch {
            try? await connection.close()
            throw error
        }
        return store
    }

    private init(name: String, connection: PostgresConnection, logger: Logger) {
        self.name = name
        self.connection = connection
        self.logger = logger
    }

    /// The schema, as ``SQLiteHistoryStore/migrator`` (same migration identifiers), recorded in
    /// `riskkit_migrations`; migrations run in one transaction under a transaction-level advisory lock, so two
    /// processes opening a new store at once do not both create it.
    static let migrations: [(identifier: String, sql: [String])] = [
        ("v1: runs and results", [
            """
            CREATE TABLE runs (
                id BIGSERIAL PRIMARY KEY,
                run_key TEXT NOT NULL,
                as_of TEXT NOT NULL,
                input_sha256 TEXT NOT NULL,
                input_rows BIGINT NOT NULL,
                models TEXT NOT NULL,
                policy_version TEXT,
                policy_sha256 TEXT,
                pseudonym_key TEXT,
                riskkit_version TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
                started_at TEXT NOT NULL,
                ended_at TEXT,
                rows_done BIGINT NOT NULL DEFAULT 0,
                scored BIGINT NOT NULL DEFAULT 0,
                not_assessable BIGINT NOT NULL DEFAULT 0,
                rejected TEXT NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX runs_by_key ON runs (run_key)",
            """
            CREATE TABLE results (
                run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                model INTEGER NOT NULL,
                patient TEXT NOT NULL,
                row BIGINT NOT NULL,
                risk DOUBLE PRECISION,
                percentile DOUBLE PRECISION,
                band TEXT,
                recommendations TEXT NOT NULL,
                not_assessable_reason TEXT,
                input_hash TEXT NOT NULL,
                PRIMARY KEY (run_id, model, patient)
            )
            """,
        ]),
    ]

    private func migrate() async throws(StoreError) {
        try await transaction("prepare the store's schema") { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey + 1))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS riskkit_migrations (identifier TEXT PRIMARY KEY)", logger: logger)
            var applied = Set<String>()
            for try await identifier in try await connection.query("SELECT identifier FROM riskkit_migrations", logger: logger).decode(String.self) {
                applied.insert(identifier)
            }
            let known = Set(Self.migrations.map(\.identifier))
            guard applied.isSubset(of: known) else {
                throw StoreError(.newerSchema, store: self.name,
                                 "the store was written by a newer RiskKit (its schema has migrations this version does not know); use that version or a new store")
            }
            for migration in Self.migrations where !applied.contains(migration.identifier) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO riskkit_migrations (identifier) VALUES (\(migration.identifier))", logger: logger)
            }
        }
    }

    public func lockForWriting(wait: Double) async throws(StoreError) {
        let deadline = Date().addingTimeInterval(max(0, wait))
        while true {
            let locked: Bool = try await run("take the writer lock") { connection, logger in
                try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey))", logger: logger)
                    .decode(Bool.self).first { _ in true } ?? false
            }
            if locked { return }
            guard Date() < deadline else {
                throw StoreError(.busy, store: name, runningRunMessage(in: try await runs()))
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    public func close() async {
        try? await connection.close()
    }

    public func begin(_ description: RunDescription, startedAt: String) async throws(StoreError) -> RunStart {
        let key = description.key
        return try await transaction("record the run") { connection, logger in
            let existing = try await connection.query(
                "SELECT \(unescaped: Self.runColumns) FROM runs WHERE run_key = \(key) AND status <> 'interrupted' ORDER BY id DESC LIMIT 1",
                logger: logger).collect()
            if let row = existing.first {
                let record = try self.record(row)
                return record.status == .complete ? .alreadyComplete(record) : .resumed(record)
            }
            let models = String(decoding: try JSONEncoder().encode(description.models), as: UTF8.self)
            let id = try await connection.query("""
                INSERT INTO runs (run_key, as_of, input_sha256, input_rows, models, policy_version, policy_sha256,
                                  pseudonym_key, riskkit_version, status, started_at)
                VALUES (\(key), \(description.asOf), \(description.inputSHA256), \(Int64(description.inputRows)), \(models),
                        \(description.policyVersion), \(description.policySHA256), \(description.pseudonymKeyFingerprint),
                        \(description.riskkitVersion), 'running', \(startedAt))
                RETURNING id
                """, logger: logger).decode(Int64.self).first { _ in true }
            guard let id else { throw StoreError(.io, store: self.name, "the server returned no run id") }
            return .started(RunRecord(id: id, description: description, status: .running, startedAt: startedAt,
                                      endedAt: nil, rowsDone: 0, counts: RunCounts()))
        }
    }

    public func commit(_ results: [PatientResult], run: Int64, rowsDone: Int, counts: RunCounts) async throws(StoreError) {
        try await transaction("store results") { connection, logger in
            // `COPY … FROM STDIN` in text format: one tab-separated line per result, streamed in the transaction.
            try await connection.copyFrom(
                table: "results",
                columns: ["run_id", "model", "patient", "row", "risk", "percentile", "band", "recommendations",
                          "not_assessable_reason", "input_hash"],
                logger: logger
            ) { writer in
                var text = ""
                text.reserveCapacity(1 << 20)
                for r in results {
                    text += "\(run)\t\(r.model)\t"
                    Self.appendCopyField(r.patient, to: &text)
                    text += "\t\(r.row)\t"
                    text += r.risk.map { "\($0)" } ?? "\\N"
                    text += "\t"
                    text += r.percentile.map { "\($0)" } ?? "\\N"
                    text += "\t"
                    Self.appendCopyField(r.band, to: &text)
                    text += "\t"
                    Self.appendCopyField(r.recommendations.encoded, to: &text)
                    text += "\t"
                    Self.appendCopyField(r.notAssessableReason, to: &text)
                    text += "\t"
                    Self.appendCopyField(r.inputHash, to: &text)
                    text += "\n"
                    if text.utf8.count >= 1 << 20 {
                        try await writer.write(ByteBuffer(string: text))
                        text.removeAll(keepingCapacity: true)
                    }
                }
                if !text.isEmpty { try await writer.write(ByteBuffer(string: text)) }
            }
            let stored = try await connection.query("SELECT rejected FROM runs WHERE id = \(run) FOR UPDATE", logger: logger)
                .decode(String.self).first { _ in true } ?? "{}"
            var rejected = try JSONDecoder().decode([String: Int].self, from: Data(stored.utf8))
            rejected.merge(counts.rejected, uniquingKeysWith: +)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let rejectedText = String(decoding: try encoder.encode(rejected), as: UTF8.self)
            let updated = try await connection.query("""
                UPDATE runs SET rows_done = \(Int64(rowsDone)), scored = scored + \(Int64(counts.scored)),
                       not_assessable = not_assessable + \(Int64(counts.notAssessable)), rejected = \(rejectedText)
                WHERE id = \(run) AND status = 'running' RETURNING id
                """, logger: logger).collect()
            guard updated.count == 1 else { throw StoreError(.corrupt, store: self.name, "run \(run) is not running") }
        }
    }

    public func finish(run: Int64, status: RunStatus, endedAt: String) async throws(StoreError) {
        try await self.run("close the run") { connection, logger in
            try await connection.query("UPDATE runs SET status = \(status.rawValue), ended_at = \(endedAt) WHERE id = \(run)", logger: logger)
            return ()
        }
    }

    public func runs() async throws(StoreError) -> [RunRecord] {
        try await run("read the runs") { connection, logger in
            try await connection.query("SELECT \(unescaped: Self.runColumns) FROM runs ORDER BY id DESC", logger: logger)
                .collect().map { row throws(StoreError) in try self.record(row) }
        }
    }

    public func results(run: Int64) async throws(StoreError) -> [PatientResult] {
        try await self.run("read the results") { connection, logger in
            var results: [PatientResult] = []
            let rows = try await connection.query(
                "SELECT r.model, \(unescaped: Self.resultColumns("r")) FROM results r WHERE r.run_id = \(run) ORDER BY r.row, r.model",
                logger: logger)
            for try await row in rows {
                let fields = row.makeRandomAccess()
                results.append(try self.result(fields, at: 1, model: Int(try fields[0].decode(Int32.self))))
            }
            return results
        }
    }

    // MARK: - Helpers

    /// Appends `value` as a field of `COPY`'s text format: `\N` for none, and backslash, tab, line feed and
    /// carriage return escaped.
    static func appendCopyField(_ value: String?, to text: inout String) {
        guard let value else {
            text += "\\N"
            return
        }
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            text += value
            return
        }
        for c in value.unicodeScalars {
            switch c {
            case "\\": text += "\\\\"
            case "\t": text += "\\t"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            default: text.unicodeScalars.append(c)
            }
        }
    }

    private static let runColumns = """
        id, run_key, as_of, input_sha256, input_rows, models, policy_version, policy_sha256, pseudonym_key,
        riskkit_version, status, started_at, ended_at, rows_done, scored, not_assessable, rejected
        """

    func record(_ row: PostgresRow) throws(StoreError) -> RunRecord {
        do {
            let (id, _, asOf, input, rows, modelsText, policyVersion, policySHA, pseudonyms, version, statusText,
                 started, ended, done, scored, notAssessable, rejectedText) = try row.decode(
                (Int64, String, String, String, Int64, String, String?, String?, String?, String, String, String,
                 String?, Int64, Int64, Int64, String).self)
            guard let status = RunStatus(rawValue: statusText) else { throw StoreError(.corrupt, store: name, "run \(id) has an unknown status") }
            let models = try JSONDecoder().decode([RunModel].self, from: Data(modelsText.utf8))
            let rejected = try JSONDecoder().decode([String: Int].self, from: Data(rejectedText.utf8))
            let description = RunDescription(asOf: asOf, inputSHA256: input, inputRows: Int(rows), models: models,
                                             policyVersion: policyVersion, policySHA256: policySHA,
                                             pseudonymKeyFingerprint: pseudonyms, riskkitVersion: version)
            return RunRecord(id: id, description: description, status: status, startedAt: started, endedAt: ended,
                             rowsDone: Int(done), counts: RunCounts(scored: Int(scored), notAssessable: Int(notAssessable), rejected: rejected))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, store: name, "a run has a field that does not read")
        }
    }

    /// Runs `body` on the connection, mapping errors.
    func run<T: Sendable>(_ doing: String, _ body: (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body(connection, logger)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: name, doing: doing)
        }
    }

    /// Runs `body` in a transaction (rolled back when it throws), mapping errors.
    func transaction<T: Sendable>(_ doing: String, _ body: (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        try await run(doing) { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A postgres-nio error as a store error: the server's message (never a bound value), I/O otherwise.
    static func storeError(_ error: any Error, store: String, doing: String) -> StoreError {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return StoreError(.io, store: store, "cannot \(doing): the server says: \(message)")
            }
            return StoreError(.io, store: store, "cannot \(doing): \(error.code)")
        }
        return StoreError(.io, store: store, "cannot \(doing): \(error)")
    }
}
