/// The target of a modifiable factor, as written in a policy's `target` object.
public enum ModifiableTarget: Sendable, Equatable {
    /// `{"equals": v}`: off target unless the value is `v`; the target is `v` (stop smoking: `{"equals": 0}`).
    case value(Double)
    /// `{"at_most": b}`, optionally with `"relative_change": r` (r < 0): off target above `b`; the target is `b`, or
    /// with `r` the value changed by `r` (−0.10 = −10 %) but not below `b` (BMI to 25 or −10 %).
    case atMost(Double, relativeChange: Double?)
    /// `{"at_least": b}`, optionally with `"relative_change": r` (r > 0): off target below `b`; the target is `b`,
    /// or with `r` the value changed by `r` but not above `b`.
    case atLeast(Double, relativeChange: Double?)
    /// `{"relative_change": r}` alone: every non-zero value is off target; the target is `value·(1 + r)`.
    case relative(Double)

    /// The value `value` would be changed to, or `nil` when it is already on target (or is not a finite number).
    public func target(for value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .value(let v):
            return value == v ? nil : v
        case .atMost(let b, let r):
            guard value > b else { return nil }
            return r.map { Swift.max(b, value * (1 + $0)) } ?? b
        case .atLeast(let b, let r):
            guard value < b else { return nil }
            return r.map { Swift.min(b, value * (1 + $0)) } ?? b
        case .relative(let r):
            let changed = value * (1 + r)
            return changed == value ? nil : changed
        }
    }
}
