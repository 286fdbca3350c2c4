/// A score history: runs and, per run, one result per patient and model.
///
/// Writing follows one protocol, the same for every backend, so that a run killed at any instant loses and
/// duplicates nothing: ``begin(_:startedAt:)`` finds the run (complete: nothing to do; unfinished: resume after its
/// committed rows) or starts it; each ``commit(_:run:rowsDone:counts:)`` stores a chunk of results *and* the run's
/// progress marker in one transaction; ``finish(run:status:endedAt:)`` closes the run. The caller holds the store's
/// writer lock (``lockForWriting(wait:)``) throughout, so only one process writes.
///
/// Two backends keep the same tables and behave alike: ``SQLiteHistoryStore`` (a file, embedded) and
/// ``PostgresHistoryStore`` (a shared server).
public protocol HistoryStore: Sendable {
    /// The store, for messages (a path, or an address without credentials).
    var name: String { get }

    /// Takes the store's one writer lock, waiting up to `wait` seconds for another process to release it; held
    /// until ``close()`` or the process ends (however it ends).
    /// - Throws: ``StoreError`` `.busy` naming the running run, when another process keeps the lock.
    func lockForWriting(wait: Double) async throws(StoreError)

    /// Releases the lock and the connection.
    func close() async

    /// Finds or starts the run described by `description`.
    func begin(_ description: RunDescription, startedAt: String) async throws(StoreError) -> RunStart

    /// Stores `results` (rows not stored yet) and moves the run's marker to `rowsDone` input rows with `counts`
    /// added, atomically.
    func commit(_ results: [PatientResult], run: Int64, rowsDone: Int, counts: RunCounts) async throws(StoreError)

    /// Marks the run `status` at `endedAt`.
    func finish(run: Int64, status: RunStatus, endedAt: String) async throws(StoreError)

    /// Every run, newest first.
    func runs() async throws(StoreError) -> [RunRecord]

    /// The results of `run`, in row then model order.
    func results(run: Int64) async throws(StoreError) -> [PatientResult]

    /// The patients `run` holds results of (as stored: ids or pseudonyms), each once.
    func patients(run: Int64) async throws(StoreError) -> [String]

    /// Hands `body` each patient whose band or recommendations for model `oldModel` of run `old` differ from
    /// those for model `newModel` of run `new`, in the new run's row order, one at a time (memory stays flat), and
    /// returns how many patients each run and both hold for those models.
    func changes(from old: Int64, model oldModel: Int, to new: Int64, model newModel: Int,
                 _ body: (ResultChange) throws -> Void) async throws -> PairCounts

    /// Every result of the patients stored as `patients` (an id and, in a pseudonymized store, its pseudonym),
    /// run by run (oldest first), model by model.
    func results(patients: [String]) async throws(StoreError) -> [(run: Int64, result: PatientResult)]

    /// Erases every result of the patients stored as `patients`, in every run, so that no copy remains in the
    /// store's files (SQLite: secure delete and a checkpoint of the write-ahead log; PostgreSQL: a `VACUUM`).
    /// Returns the results erased.
    func purge(patients: [String]) async throws(StoreError) -> Int

    /// Erases the runs dated (as of) before `asOf` (`YYYY-MM-DD`) that are not running, with their results.
    /// Returns the runs and results erased.
    func purge(runsBefore asOf: String) async throws(StoreError) -> (runs: Int, results: Int)
}

/// One patient's results for one model in two runs (``HistoryStore/changes(from:model:to:model:_:)``).
public struct ResultChange: Sendable, Equatable {
    /// The result in the earlier and in the later run.
    public var old: PatientResult
    public var new: PatientResult

    /// Creates a change.
    public init(old: PatientResult, new: PatientResult) {
        self.old = old
        self.new = new
    }
}

/// How many patients two runs hold for a model each: in the earlier, in the later, in both.
public struct PairCounts: Sendable, Equatable {
    public var old: Int, new: Int, both: Int

    /// Creates counts.
    public init(old: Int, new: Int, both: Int) {
        self.old = old
        self.new = new
        self.both = both
    }
}

/// What ``HistoryStore/begin(_:startedAt:)`` found.
public enum RunStart: Sendable, Equatable {
    /// A complete run with the same key exists: nothing to do.
    case alreadyComplete(RunRecord)
    /// An unfinished run with the same key exists: continue after its ``RunRecord/rowsDone`` rows.
    case resumed(RunRecord)
    /// A new run was recorded.
    case started(RunRecord)

    /// The run in each case.
    public var record: RunRecord {
        switch self {
        case .alreadyComplete(let r), .resumed(let r), .started(let r): r
        }
    }
}

/// "run 3 (as of 2026-12-01, started 2026-12-01T02:00:00Z) is in progress in another process", or a general
/// sentence when no run is marked running (another process is starting one).
func runningRunMessage(in runs: [RunRecord]) -> String {
    guard let run = runs.first(where: { $0.status == .running }) else {
        return "another riskkit process is writing to this store"
    }
    return "run \(run.id) (as of \(run.description.asOf), started \(run.startedAt)) is in progress in another process; try again later, or give --wait SECONDS"
}
