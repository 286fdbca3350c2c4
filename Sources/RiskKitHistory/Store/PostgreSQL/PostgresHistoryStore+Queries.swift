import Foundation
internal import Logging
internal import PostgresNIO

extension PostgresHistoryStore {
    /// The result columns read by position (``result(_:at:model:)``), for a table alias.
    static func resultColumns(_ alias: String) -> String {
        ["row", "patient", "risk", "percentile", "band", "recommendations", "not_assessable_reason", "input_hash"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The result held by `row`'s columns `at..<at+8` (``resultColumns(_:)``).
    func result(_ row: PostgresRandomAccessRow, at c: Int, model: Int) throws -> PatientResult {
        let text = try row[c + 5].decode(String.self)
        guard let recommendations = RecommendationSet(encoded: text) else {
            throw StoreError(.corrupt, store: name, "a stored recommendation list does not read")
        }
        return PatientResult(
            row: Int(try row[c].decode(Int64.self)), model: model, patient: try row[c + 1].decode(String.self),
            risk: try row[c + 2].decode(Double?.self), percentile: try row[c + 3].decode(Double?.self),
            band: try row[c + 4].decode(String?.self), recommendations: recommendations,
            notAssessableReason: try row[c + 6].decode(String?.self), inputHash: try row[c + 7].decode(String.self))
    }

    public func patients(run: Int64) async throws(StoreError) -> [String] {
        try await self.run("read a run's patients") { connection, logger in
            var patients: [String] = []
            let rows = try await connection.query("SELECT patient FROM results WHERE run_id = \(run) AND model = 0", logger: logger)
            for try await patient in rows.decode(String.self) { patients.append(patient) }
            return patients
        }
    }

    public func changes(from old: Int64, model oldModel: Int, to new: Int64, model newModel: Int,
                        _ body: (ResultChange) throws -> Void) async throws -> PairCounts {
        let (om, nm) = (Int32(oldModel), Int32(newModel))
        do {
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.resultColumns("o")), \(unescaped: Self.resultColumns("n"))
                FROM results n JOIN results o ON o.run_id = \(old) AND o.model = \(om) AND o.patient = n.patient
                WHERE n.run_id = \(new) AND n.model = \(nm)
                  AND (o.band IS DISTINCT FROM n.band OR o.recommendations <> n.recommendations)
                ORDER BY n.row
                """, logger: logger)
            for try await row in rows {
                let fields = row.makeRandomAccess()
                try body(ResultChange(old: try result(fields, at: 0, model: oldModel),
                                      new: try result(fields, at: 8, model: newModel)))
            }
            let counts = try await connection.query("""
                SELECT (SELECT count(*) FROM results WHERE run_id = \(old) AND model = \(om)),
                       (SELECT count(*) FROM results WHERE run_id = \(new) AND model = \(nm)),
                       (SELECT count(*) FROM results n JOIN results o
                            ON o.run_id = \(old) AND o.model = \(om) AND o.patient = n.patient
                        WHERE n.run_id = \(new) AND n.model = \(nm))
                """, logger: logger).decode((Int64, Int64, Int64).self).first { _ in true }
            guard let counts else { throw StoreError(.io, store: name, "the server returned no counts") }
            return PairCounts(old: Int(counts.0), new: Int(counts.1), both: Int(counts.2))
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            throw Self.storeError(error, store: name, doing: "compare two runs")
        }
    }

    public func results(patients: [String]) async throws(StoreError) -> [(run: Int64, result: PatientResult)] {
        let keys = try await runs().reversed().flatMap { run in run.description.models.indices.map { (run.id, Int32($0)) } }
        return try await run("read a patient's results") { connection, logger in
            var found: [(run: Int64, result: PatientResult)] = []
            // One primary-key lookup (run_id, model, patient) per run and model.
            for (run, model) in keys {
                let rows = try await connection.query("""
                    SELECT \(unescaped: Self.resultColumns("r")) FROM results r
                    WHERE r.run_id = \(run) AND r.model = \(model) AND r.patient = ANY(\(patients))
                    """, logger: logger)
                for try await row in rows {
                    found.append((run, try self.result(row.makeRandomAccess(), at: 0, model: Int(model))))
                }
            }
            return found.map { (run: $0.run, result: $0.result) }
        }
    }

    public func purge(patients: [String]) async throws(StoreError) -> Int {
        let keys = try await runs().flatMap { run in run.description.models.indices.map { (run.id, Int32($0)) } }
        let erased = try await transaction("erase a patient's results") { connection, logger in
            var erased = 0
            for (run, model) in keys {
                erased += try await connection.query("""
                    DELETE FROM results WHERE run_id = \(run) AND model = \(model) AND patient = ANY(\(patients))
                    RETURNING run_id
                    """, logger: logger).collect().count
            }
            return erased
        }
        try await vacuum()
        return erased
    }

    public func purge(runsBefore asOf: String) async throws(StoreError) -> (runs: Int, results: Int) {
        let erased = try await transaction("erase old runs") { connection, logger in
            var ids: [Int64] = []
            let rows = try await connection.query(
                "SELECT id FROM runs WHERE as_of < \(asOf) AND status <> 'running' FOR UPDATE", logger: logger)
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            let results = try await connection.query(
                "SELECT count(*) FROM results WHERE run_id = ANY(\(ids))", logger: logger)
                .decode(Int64.self).first { _ in true } ?? 0
            try await connection.query("DELETE FROM results WHERE run_id = ANY(\(ids))", logger: logger)
            try await connection.query("DELETE FROM runs WHERE id = ANY(\(ids))", logger: logger)
            return (ids.count, Int(results))
        }
        try await vacuum()
        return erased
    }

    /// Removes erased rows from the table's files (PostgreSQL keeps deleted rows until a vacuum).
    private func vacuum() async throws(StoreError) {
        try await run("vacuum the results") { connection, logger in
            try await connection.query("VACUUM results", logger: logger)
            return ()
        }
    }
}
