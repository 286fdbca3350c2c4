/// The genomic inflation factor λ_GC of a set of association tests (Devlin and Roeder 1999): the median of the
/// 1-degree-of-freedom χ² statistics over the median of the χ²₁ distribution, (Φ⁻¹(0.75))² = 0.454936….
///
/// λ near 1 means the test statistics follow the null distribution in bulk; above 1, inflation (population
/// structure, cryptic relatedness, or a polygenic signal). The median is R's: the mean of the two middle values for
/// an even count.
public enum GenomicControl {
    /// The median of χ²₁, (Φ⁻¹(0.75))².
    public static let chiSquaredMedian = 0.45493642311957283

    /// λ_GC of the tests with Wald statistics `z` (χ² = z²); non-finite values are left out; nil when none is left.
    public static func lambda(zStatistics z: some Sequence<Double>) -> Double? {
        medianChiSquared(zStatistics: z).map { $0 / chiSquaredMedian }
    }

    /// The median χ² = z² of the finite statistics `z` (R's median); nil when none is finite.
    public static func medianChiSquared(zStatistics z: some Sequence<Double>) -> Double? {
        let squares = z.filter(\.isFinite).map { $0 * $0 }.sorted()
        guard !squares.isEmpty else { return nil }
        let n = squares.count
        return n % 2 == 1 ? squares[n / 2] : (squares[n / 2 - 1] + squares[n / 2]) / 2
    }
}
