
/// eˣ for four doubles at a time, for hot loops that would otherwise spend most of their time in libm's scalar `exp`.
///
/// Algorithm: x is clamped to [−708, 708]; k = round(x / ln 2) by adding and subtracting 1.5·2⁵² (round to nearest
/// even, no conversion instruction needed); r = x − k·ln2_hi − k·ln2_lo (Cody–Waite with fdlibm's split of ln 2, whose
/// high part has enough trailing zero bits that k·ln2_hi is exact), |r| ≤ ln 2 / 2; eʳ by Cephes' rational
/// approximation (Q(r²) + rP(r²)) / (Q(r²) − rP(r²)) (degrees 2 and 3 in r², one division); 2ᵏ built from the
/// exponent bits of the shifted sum. Relative error within 2 ulp of the correctly rounded result over the clamped
/// range (checked against libm in the tests). Pure SIMD arithmetic, no branches.
public enum VectorExponential {
    /// eˣ elementwise; inputs beyond ±708 give e^±708.
    @inlinable @inline(__always)
    public static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let (numerator, denominator, scale) = parts(x)
        return numerator / denominator * scale
    }

    /// The logistic function μ = 1/(1 + e⁻ˣ) and 1 − μ, each computed directly (no cancellation when μ is near 1)
    /// with one division: with e⁻ˣ = s·N/D from ``exp(_:)``'s reduction, μ = D/(D + sN) and 1 − μ = sN/(D + sN).
    @inlinable @inline(__always)
    public static func logistic(_ x: SIMD4<Double>) -> (mu: SIMD4<Double>, oneMinusMu: SIMD4<Double>) {
        let (numerator, denominator, scale) = parts(-x)
        let scaled = scale * numerator
        let inverse = 1 / (denominator + scaled)
        return (denominator * inverse, scaled * inverse)
    }

    /// eˣ = scale · numerator / denominator: the clamp, the Cody–Waite reduction and Cephes' rational form
    /// eʳ = (Q + rP) / (Q − rP).
    @inlinable @inline(__always)
    static func parts(_ x: SIMD4<Double>) -> (numerator: SIMD4<Double>, denominator: SIMD4<Double>, scale: SIMD4<Double>) {
        let shifter = SIMD4<Double>(repeating: 6_755_399_441_055_744)   // 1.5·2⁵²
        var clamped = x
        clamped.replace(with: -708, where: x .< -708)
        clamped.replace(with: 708, where: x .> 708)
        let t = clamped * SIMD4(repeating: 1.442_695_040_888_963_4) + shifter
        let k = t - shifter
        let r = clamped - k * SIMD4(repeating: 6.931_471_803_691_238_164_90e-1)
            - k * SIMD4(repeating: 1.908_214_929_270_587_700_02e-10)
        let r2 = r * r
        var p = SIMD4<Double>(repeating: 1.261_771_930_748_105_908_78e-4)
        p = p * r2 + SIMD4(repeating: 3.029_944_077_074_419_613_00e-2)
        p = (p * r2 + SIMD4(repeating: 9.999_999_999_999_999_999_10e-1)) * r
        var q = SIMD4<Double>(repeating: 3.001_985_051_386_644_550_42e-6)
        q = q * r2 + SIMD4(repeating: 2.524_483_403_496_841_041_92e-3)
        q = q * r2 + SIMD4(repeating: 2.272_655_482_081_550_287_66e-1)
        q = q * r2 + SIMD4(repeating: 2.000_000_000_000_000_000_09)
        // t's low mantissa bits hold k + 1.5·2⁵²'s bits; shift k + 1023 into the exponent field.
        let bits = unsafeBitCast(t, to: SIMD4<Int64>.self) &- SIMD4(repeating: 0x4338_0000_0000_0000)
        let scale = unsafeBitCast((bits &+ SIMD4(repeating: 1023)) &<< 52, to: SIMD4<Double>.self)
        return (q + p, q - p, scale)
    }
}
