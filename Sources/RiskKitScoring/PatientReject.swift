import RiskKitData

/// A patient record left out of a batch because it cannot be scored (bad rows skipped instead of stopping the
/// run): where it is, whose it is, and why.
public struct PatientReject: Sendable, Equatable {
    /// What kind of problem the record has, for the counts of a run's summary.
    public enum Kind: String, Sendable, CaseIterable {
        /// A value outside the policy's plausible range.
        case implausibleValue = "implausible value"
        /// A value that is not a number, or not 0/1 for a binary feature.
        case unparseableValue = "unparseable value"
        /// A categorical value not seen in training.
        case unknownLevel = "unknown level"
        /// A record that does not parse: the wrong number of fields, bad quoting, a line that is not a JSON object.
        case malformedRecord = "malformed record"
        /// A field name that is neither a model feature nor a policy field (JSON input).
        case unknownField = "unknown field"
        /// A patient id seen earlier in the batch.
        case duplicateID = "duplicate id"
    }

    /// The record's 1-based line in its input, when known.
    public var line: Int?
    /// The patient's id (or row label), when known: patient data, for the owner-only rejects file only.
    public var id: String?
    /// The field at fault, when known.
    public var field: String?
    /// What kind of problem it is.
    public var kind: Kind
    /// The reason, phrased as in the error a stopping run reports (without the file, line and field).
    public var reason: String

    /// Creates a reject.
    public init(line: Int?, id: String?, field: String?, kind: Kind, reason: String) {
        self.line = line
        self.id = id
        self.field = field
        self.kind = kind
        self.reason = reason
    }

    /// The reject for the record at `line` of patient `id` that failed with `error`; `categorical` tells whether
    /// a field names a categorical feature (its bad value is then an unknown level), `malformed` that the record
    /// itself did not parse.
    public init(line: Int?, id: String?, error: DataError, malformed: Bool = false, categorical: (String) -> Bool) {
        let kind: Kind
        switch error.code {
        case _ where malformed: kind = .malformedRecord
        case .implausibleValue: kind = .implausibleValue
        case .unknownField: kind = .unknownField
        default: kind = error.column.map { categorical($0) ? .unknownLevel : .unparseableValue } ?? .malformedRecord
        }
        self.init(line: error.line ?? line, id: id, field: error.column, kind: kind, reason: error.message)
    }
}
