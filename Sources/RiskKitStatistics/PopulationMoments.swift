
/// Mean and standard deviation with divisor n (numpy's `std(ddof=0)`), as used to standardize scores. Two passes
/// (mean, then squared deviations), O(n).
public struct PopulationMoments: Sendable, Equatable {
    /// Arithmetic mean (NaN for no values).
    public var mean: Double
    /// √(Σ(x − mean)²/n).
    public var sd: Double

    /// The moments of `values`.
    public init(_ values: some Collection<Double>) {
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        mean = m
        sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n).squareRoot()
    }
}
