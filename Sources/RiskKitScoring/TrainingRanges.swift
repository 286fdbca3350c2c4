import RiskKitData

/// Each feature's range observed in training (``Feature/observedMin``…``Feature/observedMax``) as flat bounds, for
/// flagging values beyond it (``Extrapolation``) without allocating: ±∞ for a categorical feature and for a
/// model file that does not record the range.
package struct TrainingRanges: Sendable {
    /// Per feature (schema order), the smallest and largest training value (±∞ when not recorded).
    let lower: [Double], upper: [Double]
    /// Per feature, its unit from the policy (nil: none declared).
    let units: [String?]

    /// The ranges of `features`, with their units.
    init(features: [Feature], units: [String?]) {
        lower = features.map { $0.kind == .categorical ? -.infinity : $0.observedMin ?? -.infinity }
        upper = features.map { $0.kind == .categorical ? .infinity : $0.observedMax ?? .infinity }
        self.units = units
    }

    /// Feature `f`'s training range (an open end where it is not recorded).
    func range(of f: Int) -> ValueRange {
        ValueRange(lower: lower[f].isFinite ? lower[f] : nil, upper: upper[f].isFinite ? upper[f] : nil)
    }

    /// Whether feature `f`'s present value `x` lies beyond its training range (false for `NaN`).
    @inline(__always)
    func isBeyond(_ x: Double, feature f: Int) -> Bool {
        x < lower[f] || x > upper[f]
    }
}
