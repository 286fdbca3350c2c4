import RiskKitData

/// What makes two re-scoring runs the same run: the as-of date, the input extract, the models and the policy.
///
/// ``key`` is a SHA-256 over all of them; a store finds a finished run with the same key (nothing to do) or an
/// unfinished one (resume it) by it.
public struct RunDescription: Sendable, Equatable {
    /// The date recommendations are due against (`YYYY-MM-DD`).
    public var asOf: String
    /// SHA-256 (hex) of the input file's bytes.
    public var inputSHA256: String
    /// Data rows in the input file.
    public var inputRows: Int
    /// The models, in the order given.
    public var models: [RunModel]
    /// The policies' versions (with several models, each distinct version once, in model order, joined by `, `),
    /// when a policy is applied.
    public var policyVersion: String?
    /// SHA-256 (hex) of the policy file, when one is applied (with several models: of their policies' digests).
    public var policySHA256: String?
    /// Whether patient ids are stored as keyed pseudonyms (then the key's fingerprint is part of the run key, so a
    /// run with another key is another run).
    public var pseudonymKeyFingerprint: String?
    /// The RiskKit version that scores the run.
    public var riskkitVersion: String

    /// Creates a description.
    public init(asOf: String, inputSHA256: String, inputRows: Int, models: [RunModel], policyVersion: String?,
                policySHA256: String?, pseudonymKeyFingerprint: String? = nil, riskkitVersion: String) {
        self.asOf = asOf
        self.inputSHA256 = inputSHA256
        self.inputRows = inputRows
        self.models = models
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
        self.pseudonymKeyFingerprint = pseudonymKeyFingerprint
        self.riskkitVersion = riskkitVersion
    }

    /// SHA-256 (hex) over the fields that define the run: as-of date, input digest and rows, each model's checksum
    /// in order with its policy's digest, the policies' digest and the pseudonym key's fingerprint (one field per line). The RiskKit version is recorded
    /// but not part of the key: a re-run after an upgrade with the same inputs is the same run.
    public var key: String {
        var lines = ["as_of=\(asOf)", "input=\(inputSHA256)", "rows=\(inputRows)"]
        lines += models.map { "model=\($0.checksum) policy=\($0.policySHA256 ?? "none")" }
        lines.append("policy=\(policySHA256 ?? "none")")
        lines.append("pseudonyms=\(pseudonymKeyFingerprint ?? "none")")
        return FileDigest.sha256(bytes: Array(lines.joined(separator: "\n").utf8))
    }
}

/// One model of a run: its file checksum, what it predicts, and the policy applied to it.
public struct RunModel: Sendable, Equatable, Codable {
    /// The model file's checksum (`sha256:…`).
    public var checksum: String
    /// The model's description.
    public var description: String
    /// The outcome label, when the model declares one.
    public var outcome: String?
    /// The horizon in years, when the model declares one.
    public var horizonYears: Double?

    /// The version of the policy applied to the model's risks, when one is.
    public var policyVersion: String?
    /// SHA-256 (hex) of that policy's file.
    public var policySHA256: String?

    /// Creates a model entry.
    public init(checksum: String, description: String, outcome: String? = nil, horizonYears: Double? = nil,
                policyVersion: String? = nil, policySHA256: String? = nil) {
        self.checksum = checksum
        self.description = description
        self.outcome = outcome
        self.horizonYears = horizonYears
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
    }
}
