/// One patient's result for one model of a run, as stored.
public struct PatientResult: Sendable, Equatable {
    /// The input row (0-based data row); with ``model`` the result's key within a run.
    public var row: Int
    /// The model's position in the run's models.
    public var model: Int
    /// The patient's id, or its keyed pseudonym.
    public var patient: String
    /// Predicted risk, percentile and band; nil when not assessable (band also without a policy).
    public var risk: Double?
    public var percentile: Double?
    public var band: String?
    /// The recommendations, as ``RecommendationSet/encoded``.
    public var recommendations: RecommendationSet
    /// Why no risk was given, when not assessable.
    public var notAssessableReason: String?
    /// SHA-256 (hex) of the patient's input values, to tell a change in the data from one in the model or policy.
    public var inputHash: String

    /// Creates a result.
    public init(row: Int, model: Int, patient: String, risk: Double?, percentile: Double?, band: String?,
                recommendations: RecommendationSet, notAssessableReason: String?, inputHash: String) {
        self.row = row
        self.model = model
        self.patient = patient
        self.risk = risk
        self.percentile = percentile
        self.band = band
        self.recommendations = recommendations
        self.notAssessableReason = notAssessableReason
        self.inputHash = inputHash
    }
}

/// A patient's recommendations as the history keeps them: rule id, kind and interval in months, enough to tell
/// which were added, removed or changed interval between runs.
///
/// Stored as one text column, `rule/kind/interval` entries joined by `;` (interval empty when none), in the
/// policy's order: one value per result instead of a row per recommendation keeps a million-patient run fast. The
/// set holds that text (``encoded``) and reads its entries on demand.
public struct RecommendationSet: Sendable, Equatable {
    /// One recommendation.
    public struct Entry: Sendable, Equatable {
        public var rule: String
        public var kind: String
        public var intervalMonths: Int?

        /// Creates an entry.
        public init(rule: String, kind: String, intervalMonths: Int?) {
            self.rule = rule
            self.kind = kind
            self.intervalMonths = intervalMonths
        }

        /// The entry's stored text, `rule/kind/interval`.
        public var encoded: String { "\(rule)/\(kind)/\(intervalMonths.map(String.init) ?? "")" }
    }

    /// The stored text.
    public let encoded: String

    /// The set of `entries`, in order.
    public init(_ entries: [Entry]) {
        encoded = entries.map(\.encoded).joined(separator: ";")
    }

    /// The set whose stored text is `text`, already checked (entries' texts joined by `;`).
    init(trusted text: String) { encoded = text }

    /// Reads the stored text (nil when it is not in that form).
    public init?(encoded text: String) {
        guard Self.entries(of: text) != nil else { return nil }
        encoded = text
    }

    /// The recommendations in order.
    public var entries: [Entry] { Self.entries(of: encoded) ?? [] }

    /// The entries of a stored text, nil when it does not read.
    private static func entries(of text: String) -> [Entry]? {
        guard !text.isEmpty else { return [] }
        var entries: [Entry] = []
        for item in text.split(separator: ";", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty else { return nil }
            let interval: Int?
            if parts[2].isEmpty {
                interval = nil
            } else if let months = Int(parts[2]) {
                interval = months
            } else {
                return nil
            }
            entries.append(Entry(rule: String(parts[0]), kind: String(parts[1]), intervalMonths: interval))
        }
        return entries
    }
}
