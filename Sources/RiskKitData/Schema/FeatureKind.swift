/// How a raw column is treated as a model feature.
public enum FeatureKind: String, Codable, Sendable {
    /// A continuous number, used as is (then standardized internally).
    case numeric
    /// A number that only takes the values 0 and 1.
    case binary
    /// A set of text levels, one-hot encoded against a reference level.
    case categorical
}

/// One raw training column handed to ``FeatureSchema/learn(columns:options:)``.
public enum RawColumn: Sendable {
    /// Numbers, with `NaN` for missing cells.
    case numeric([Double])
    /// Level codes into `levels` (`-1` for a missing cell).
    case categorical(codes: [Int32], levels: [String])
}
