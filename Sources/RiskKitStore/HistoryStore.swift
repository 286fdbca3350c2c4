/// A score history: runs and, per run, one result per patient and model.
///
/// Writing follows one protocol, the same for every backend, so that a run killed at any instant loses and
/// duplicates nothing: ``begin(_:startedAt:)`` finds the run (complete: nothing to do; unfinished: resume after its
/// committed rows) or starts it; each ``commit(_:run:rowsDone:counts:)`` stores a chunk of results *and* the run's
/// progress marker in one transaction; ``finish(run:status:endedAt:)`` closes the run. The caller holds the store's
/// ``RunLock`` throughout, so only one process writes.
public protocol HistoryStore: Sendable {
    /// The store, for messages (a path, or an address without credentials).
    var name: String { get }

    /// Finds or starts the run described by `description`.
    func begin(_ description: RunDescription, startedAt: String) throws(StoreError) -> RunStart

    /// Stores `results` (rows not stored yet) and moves the run's marker to `rowsDone` input rows with `counts`
    /// added, atomically.
    func commit(_ results: [PatientResult], run: Int64, rowsDone: Int, counts: RunCounts) throws(StoreError)

    /// Marks the run `status` at `endedAt`.
    func finish(run: Int64, status: RunStatus, endedAt: String) throws(StoreError)

    /// Every run, newest first.
    func runs() throws(StoreError) -> [RunRecord]

    /// The results of `run`, in row then model order.
    func results(run: Int64) throws(StoreError) -> [PatientResult]
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
