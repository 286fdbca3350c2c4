/// A run as the store keeps it.
public struct RunRecord: Sendable, Equatable {
    /// The run's number in the store (1, 2, …).
    public var id: Int64
    /// What was run.
    public var description: RunDescription
    /// Where the run stands.
    public var status: RunStatus
    /// When the run started and ended (ISO 8601 UTC); `endedAt` is nil while running.
    public var startedAt: String
    public var endedAt: String?
    /// Input rows committed so far (all of them once complete).
    public var rowsDone: Int
    /// Patients scored, not assessable and rejected so far.
    public var counts: RunCounts

    /// Creates a record.
    public init(id: Int64, description: RunDescription, status: RunStatus, startedAt: String, endedAt: String?,
                rowsDone: Int, counts: RunCounts) {
        self.id = id
        self.description = description
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.rowsDone = rowsDone
        self.counts = counts
    }
}

/// Where a run stands: `running` while a process works on it (or until the next invocation resumes it after a
/// crash), `complete` once every row is committed, `interrupted` when it stopped on an error and will not resume.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, complete, interrupted
}

/// How many patients of a run were scored, not assessable, or rejected (by reason).
public struct RunCounts: Sendable, Equatable, Codable {
    /// Patient–model results with a risk.
    public var scored: Int
    /// Patient–model results without one (outside the model's population, or a required value missing).
    public var notAssessable: Int
    /// Input rows not scored, by reason ("implausible value", "duplicate id", …).
    public var rejected: [String: Int]

    /// Creates counts.
    public init(scored: Int = 0, notAssessable: Int = 0, rejected: [String: Int] = [:]) {
        self.scored = scored
        self.notAssessable = notAssessable
        self.rejected = rejected
    }

    /// Adds `other`'s counts to these.
    public mutating func add(_ other: RunCounts) {
        scored += other.scored
        notAssessable += other.notAssessable
        rejected.merge(other.rejected, uniquingKeysWith: +)
    }

    /// All rejected rows.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}
