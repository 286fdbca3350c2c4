
/// One model feature as learned at training time: its kind, levels, imputation value and encoded columns.
///
/// A feature turns one raw value into one or more numbers of the design matrix (its *encoded columns*):
/// a numeric or binary feature gives one column; a categorical feature gives one indicator column per
/// non-reference level; a feature with a missingness indicator adds one more column, `missing(name)`.
public struct Feature: Codable, Sendable, Equatable {
    /// The raw column name in the data.
    public var name: String
    /// How the column is treated.
    public var kind: FeatureKind
    /// Categorical levels in encoding order (sorted); `nil` for numeric and binary features.
    public var levels: [String]?
    /// The reference level of a categorical feature (its first level): it gets no indicator column.
    public var referenceLevel: String?
    /// The value a missing cell is replaced by: the training mean (numeric) or most frequent value (binary).
    public var imputedNumber: Double?
    /// The level a missing cell is replaced by for categorical features: the most frequent training level.
    public var imputedLevel: String?
    /// Whether a `missing(name)` indicator column is part of the encoding.
    public var missingIndicator: Bool
    /// How many training rows had this cell missing (documentation for the analyst).
    public var missingInTraining: Int
    /// Smallest value seen in training (numeric and binary features; `nil` in files written before it was kept).
    public var observedMin: Double?
    /// Largest value seen in training (numeric and binary features; `nil` in files written before it was kept).
    public var observedMax: Double?
    /// Whether a patient missing this value cannot be assessed (rather than having it imputed); `nil`: unknown, in
    /// files written before it was recorded.
    public var required: Bool?
    /// The intended population's range of this numeric feature, declared at training time (`train --applicable`);
    /// a patient outside it is not assessable. `nil`: not declared, no limit. The observed training range
    /// (``observedMin``…``observedMax``) is recorded for reference, not enforced: a plausible value beyond it is
    /// scored (extrapolated), as QRISK3 scores values its derivation cohort rarely held.
    public var applicable: ValueRange?

    enum CodingKeys: String, CodingKey {
        case name, kind, levels
        case referenceLevel = "reference_level"
        case imputedNumber = "imputed_number"
        case imputedLevel = "imputed_level"
        case missingIndicator = "missing_indicator"
        case missingInTraining = "missing_in_training"
        case observedMin = "observed_min"
        case observedMax = "observed_max"
        case required, applicable
    }

    /// Creates a feature; the training-domain metadata (observed range, `required`, `applicable`) starts unknown.
    public init(
        name: String, kind: FeatureKind, levels: [String]?, referenceLevel: String?, imputedNumber: Double?,
        imputedLevel: String?, missingIndicator: Bool, missingInTraining: Int
    ) {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.referenceLevel = referenceLevel
        self.imputedNumber = imputedNumber
        self.imputedLevel = imputedLevel
        self.missingIndicator = missingIndicator
        self.missingInTraining = missingInTraining
    }

    /// Names of the encoded columns this feature produces, in order.
    public var encodedColumnNames: [String] {
        var names: [String]
        switch kind {
        case .numeric, .binary: names = [name]
        case .categorical: names = (levels ?? []).dropFirst().map { "\(name)=\($0)" }
        }
        if missingIndicator { names.append("missing(\(name))") }
        return names
    }

    /// Number of encoded columns (the count of ``encodedColumnNames``, without building them).
    public var width: Int {
        (kind == .categorical ? Swift.max(0, (levels?.count ?? 0) - 1) : 1) + (missingIndicator ? 1 : 0)
    }

    /// Writes this feature's encoded values for one numeric cell (`NaN` = missing) into `out[offset...]`
    /// (``FeatureCodec``, the one encoder).
    public func encode(number: Double, into out: UnsafeMutablePointer<Double>, at offset: Int) {
        FeatureCodec(self).encode(number: number, into: out, at: offset)
    }

    /// Writes the one-hot encoding of a level (index into ``levels``; `nil` = missing) into `out[offset...]`
    /// (``FeatureCodec``, the one encoder).
    public func encode(levelIndex: Int?, into out: UnsafeMutablePointer<Double>, at offset: Int) {
        FeatureCodec(self).encode(levelIndex: levelIndex, into: out, at: offset)
    }

    /// Index of ``imputedLevel`` in ``levels`` (0 when absent).
    var imputedLevelIndex: Int {
        guard let imputedLevel, let levels else { return 0 }
        return levels.firstIndex(of: imputedLevel) ?? 0
    }
}
