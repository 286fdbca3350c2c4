
/// The chi-square distribution.
public enum ChiSquared {
    /// Upper tail P(X > x) for X ~ χ²(df), computed as Q(df/2, x/2) (see ``Gamma/regularizedUpper(_:_:)``),
    /// so tiny p-values keep full relative precision instead of rounding `1 − cdf` to 0; 1 for x ≤ 0.
    public static func upperTail(_ x: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df >= 0, "chi-square degrees of freedom must be ≥ 0")
        if x <= 0 { return 1 }
        return Gamma.regularizedUpper(df / 2, x / 2)
    }
}
