internal import GRDB

extension SQLiteHistoryStore {
    /// The store's schema, one migration per version (GRDB's `DatabaseMigrator`, which records the applied ones in
    /// `grdb_migrations`). A store that holds a migration this list does not know was written by a newer RiskKit
    /// and is refused rather than misread. The same tables are created in PostgreSQL.
    ///
    /// - `runs`: one row per run; `rows_done` and the counts are the progress marker, moved in the same
    ///   transaction as each chunk of results; `models` and `rejected` are JSON.
    /// - `results`: one row per run, model and patient (the primary key, so a patient cannot be stored twice in a
    ///   run); `row` is the input row; `recommendations` is a ``RecommendationSet`` text.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs and results") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_key TEXT NOT NULL,
                    as_of TEXT NOT NULL,
                    input_sha256 TEXT NOT NULL,
                    input_rows INTEGER NOT NULL,
                    models TEXT NOT NULL,
                    policy_version TEXT,
                    policy_sha256 TEXT,
                    pseudonym_key TEXT,
                    riskkit_version TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
                    started_at TEXT NOT NULL,
                    ended_at TEXT,
                    rows_done INTEGER NOT NULL DEFAULT 0,
                    scored INTEGER NOT NULL DEFAULT 0,
                    not_assessable INTEGER NOT NULL DEFAULT 0,
                    rejected TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX runs_by_key ON runs (run_key);
                CREATE TABLE results (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    model INTEGER NOT NULL,
                    patient TEXT NOT NULL,
                    row INTEGER NOT NULL,
                    risk REAL,
                    percentile REAL,
                    band TEXT,
                    recommendations TEXT NOT NULL,
                    not_assessable_reason TEXT,
                    input_hash TEXT NOT NULL,
                    PRIMARY KEY (run_id, model, patient)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
