import RiskKitLinearAlgebra

/// plink2's multicollinearity screen for a regression's non-intercept predictors (`--max-corr`, `--vif`).
///
/// From the predictors' sums and cross-products over the `n` samples: sample covariances (denominator n − 1), then
/// correlations. Any |r| above `maxCorrelation` fails with ``AssociationErrorCode/correlationTooHigh``; a correlation
/// matrix without a Cholesky factor (`dpotrf`) fails with ``AssociationErrorCode/vifInfinite``; a diagonal element
/// of its inverse (`dpotri`) — a variance inflation factor — above `maxVIF` fails with
/// ``AssociationErrorCode/vifTooHigh``. O(m³) for m predictors.
public struct PredictorCollinearity: Sendable, Equatable {
    /// The largest allowed absolute correlation between two predictors (plink2 default 0.999).
    public var maxCorrelation: Double
    /// The largest allowed variance inflation factor (plink2 default 50).
    public var maxVIF: Double

    /// Creates a screen with the given thresholds.
    public init(maxCorrelation: Double = 0.999, maxVIF: Double = 50) {
        self.maxCorrelation = maxCorrelation
        self.maxVIF = maxVIF
    }

    /// Screens m predictors given their sums (m) and cross-products (m × m, lower triangle read, column-major)
    /// over `n` samples. - Returns: the failure, or nil when the predictors pass.
    public func check(sums: [Double], crossProducts: Matrix, n: Int) -> AssociationErrorCode? {
        let m = sums.count
        guard m > 0 else { return nil }
        guard n > 1 else { return .vifInfinite }
        var correlation = Matrix(rows: m, columns: m)
        var inverseSD = [Double](repeating: 0, count: m)
        let count = Double(n)
        func covariance(_ a: Int, _ b: Int) -> Double {
            (crossProducts[Swift.max(a, b), Swift.min(a, b)] - sums[a] * sums[b] / count) / (count - 1)
        }
        for a in 0..<m {
            let variance = covariance(a, a)
            guard variance > 0 else { return .vifInfinite }
            inverseSD[a] = 1 / variance.squareRoot()
        }
        for a in 0..<m {
            correlation[a, a] = 1
            for b in 0..<a {
                let r = covariance(a, b) * inverseSD[a] * inverseSD[b]
                if abs(r) > maxCorrelation { return .correlationTooHigh }
                correlation[a, b] = r
            }
        }
        guard let factor = try? CholeskyFactor(correlation), let inverse = try? factor.inverse() else {
            return .vifInfinite
        }
        for a in 0..<m where !(inverse[a, a] <= maxVIF) { return .vifTooHigh }
        return nil
    }
}
