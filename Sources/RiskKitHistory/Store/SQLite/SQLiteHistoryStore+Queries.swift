internal import GRDB

extension SQLiteHistoryStore {
    /// The result columns read by position (``result(_:at:model:store:)``), for a table alias.
    static func resultColumns(_ alias: String) -> String {
        ["row", "patient", "risk", "percentile", "band", "recommendations", "not_assessable_reason", "input_hash"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The result held by `row`'s columns `at..<at+8` (``resultColumns(_:)``).
    static func result(_ row: Row, at c: Int, model: Int, store: String) throws(StoreError) -> PatientResult {
        let text: String = row[c + 5]
        guard let recommendations = RecommendationSet(encoded: text) else {
            throw StoreError(.corrupt, store: store, "a stored recommendation list does not read")
        }
        return PatientResult(row: row[c], model: model, patient: row[c + 1], risk: row[c + 2], percentile: row[c + 3],
                             band: row[c + 4], recommendations: recommendations, notAssessableReason: row[c + 6],
                             inputHash: row[c + 7])
    }

    public func patients(run: Int64) throws(StoreError) -> [String] {
        try read("read a run's patients") { db in
            try String.fetchAll(db, sql: "SELECT patient FROM results WHERE run_id = ? AND model = 0", arguments: [run])
        }
    }

    public func changes(from old: Int64, model oldModel: Int, to new: Int64, model newModel: Int,
                        _ body: (ResultChange) throws -> Void) throws -> PairCounts {
        let store = name
        return try read("compare two runs") { db in
            // Matched through the primary key (run_id, model, patient) of the earlier run's results.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(Self.resultColumns("o")), \(Self.resultColumns("n"))
                FROM results n JOIN results o ON o.run_id = ? AND o.model = ? AND o.patient = n.patient
                WHERE n.run_id = ? AND n.model = ?
                  AND (o.band IS NOT n.band OR o.recommendations <> n.recommendations)
                ORDER BY n.row
                """, arguments: [old, oldModel, new, newModel])
            while let row = try cursor.next() {
                try body(ResultChange(old: try Self.result(row, at: 0, model: oldModel, store: store),
                                      new: try Self.result(row, at: 8, model: newModel, store: store)))
            }
            let count = "SELECT count(*) FROM results WHERE run_id = ? AND model = ?"
            return PairCounts(
                old: try Int.fetchOne(db, sql: count, arguments: [old, oldModel]) ?? 0,
                new: try Int.fetchOne(db, sql: count, arguments: [new, newModel]) ?? 0,
                both: try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM results n JOIN results o ON o.run_id = ? AND o.model = ? AND o.patient = n.patient
                    WHERE n.run_id = ? AND n.model = ?
                    """, arguments: [old, oldModel, new, newModel]) ?? 0)
        }
    }

    public func results(patients: [String]) throws(StoreError) -> [(run: Int64, result: PatientResult)] {
        let store = name
        let keys = try runs().reversed().flatMap { run in run.description.models.indices.map { (run.id, $0) } }
        return try read("read a patient's results") { db in
            var found: [(run: Int64, result: PatientResult)] = []
            // One primary-key lookup per run, model and name, instead of a scan of every result.
            let lookup = try db.cachedStatement(sql: """
                SELECT \(Self.resultColumns("r")) FROM results r WHERE r.run_id = ? AND r.model = ? AND r.patient = ?
                """)
            for (run, model) in keys {
                for patient in patients {
                    if let row = try Row.fetchOne(lookup, arguments: [run, model, patient]) {
                        found.append((run, try Self.result(row, at: 0, model: model, store: store)))
                    }
                }
            }
            return found
        }
    }

    public func purge(patients: [String]) throws(StoreError) -> Int {
        let keys = try runs().flatMap { run in run.description.models.indices.map { (run.id, $0) } }
        let erased = try write("erase a patient's results") { db in
            // Overwrite the deleted content instead of leaving it in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var erased = 0
            for (run, model) in keys {
                for patient in patients {
                    try db.execute(sql: "DELETE FROM results WHERE run_id = ? AND model = ? AND patient = ?",
                                   arguments: [run, model, patient])
                    erased += db.changesCount
                }
            }
            return erased
        }
        try checkpoint()
        return erased
    }

    public func purge(runsBefore asOf: String) throws(StoreError) -> (runs: Int, results: Int) {
        let erased = try write("erase old runs") { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE as_of < ? AND status <> 'running'", arguments: [asOf])
            var results = 0
            for id in ids {
                results += try Int.fetchOne(db, sql: "SELECT count(*) FROM results WHERE run_id = ?", arguments: [id]) ?? 0
                try db.execute(sql: "DELETE FROM results WHERE run_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
            }
            return (ids.count, results)
        }
        try checkpoint()
        return erased
    }

    /// Copies the write-ahead log into the database and empties it, so erased content leaves the log too.
    private func checkpoint() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw Self.storeError(error, store: name, doing: "checkpoint the store")
        }
    }
}
