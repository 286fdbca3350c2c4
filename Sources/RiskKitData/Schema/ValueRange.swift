/// A closed interval of numbers whose ends may be open (`nil`: no bound on that side).
///
/// Used for a model feature's intended population (`applicable`) and a policy field's plausible values. JSON:
/// `{"lower": 40, "upper": 79}`, a missing key being an open end.
public struct ValueRange: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The smallest value inside the range, or `nil` for no lower bound.
    public var lower: Double?
    /// The largest value inside the range, or `nil` for no upper bound.
    public var upper: Double?

    /// Creates a range; `lower` must not be above `upper` (a programming error).
    public init(lower: Double?, upper: Double?) {
        if let lower, let upper { precondition(lower <= upper, "range [\(lower), \(upper)] is empty") }
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies inside (both ends included). `NaN` lies inside no range.
    @inlinable
    public func contains(_ value: Double) -> Bool {
        !value.isNaN && value >= (lower ?? -.infinity) && value <= (upper ?? .infinity)
    }

    /// Reads `lo..hi`, `lo..` or `..hi` (as in `train --applicable age=40..79`, `bmi=..60`); `nil` when the text is
    /// not of that form, a bound is not a finite number, both ends are open, or `lo` is above `hi`.
    public init?(parsing text: some StringProtocol) {
        let parts = text.trimmingWhitespace().split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func bound(_ s: Substring) -> Double?? {
            let t = s.trimmingWhitespace()
            if t.isEmpty { return .some(nil) }
            guard let d = Double(t), d.isFinite else { return nil }
            return .some(d)
        }
        guard let lower = bound(parts[0]), let upper = bound(parts[1]), lower != nil || upper != nil else { return nil }
        if let lower, let upper, lower > upper { return nil }
        self.lower = lower
        self.upper = upper
    }

    /// `40–79`, `≥ 40` or `≤ 60`, numbers written as ``FieldValue`` writes them.
    public var description: String {
        switch (lower, upper) {
        case let (lo?, hi?): "\(FieldValue.number(lo))–\(FieldValue.number(hi))"
        case let (lo?, nil): "≥ \(FieldValue.number(lo))"
        case let (nil, hi?): "≤ \(FieldValue.number(hi))"
        case (nil, nil): "any value"
        }
    }
}
