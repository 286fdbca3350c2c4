import RiskKitLinearAlgebra

/// Centring and 1/n scaling of covariate columns over a set of rows (glmnet's `standardize = TRUE`).
struct CovariateStandardization: Sendable {
    /// Column means over the fitting rows.
    let mean: [Double]
    /// Column 1/n standard deviations over the fitting rows (all positive).
    let scale: [Double]

    /// Statistics of `covariates` over `rows`; `fold` only labels the error.
    /// - Throws: ``PenalizedScoreError/constantCovariate(column:fold:)`` for a column with zero spread.
    init(covariates: Matrix, rows: [Int], fold: Int?) throws {
        var mean = [Double](repeating: 0, count: covariates.columns)
        var scale = [Double](repeating: 0, count: covariates.columns)
        let n = Double(rows.count)
        for j in 0..<covariates.columns {
            var m = 0.0
            for i in rows { m += covariates[i, j] }
            m /= n
            var s = 0.0
            for i in rows { s += (covariates[i, j] - m) * (covariates[i, j] - m) }
            s = (s / n).squareRoot()
            guard s > 1e-12 * Swift.max(1, abs(m)) else { throw PenalizedScoreError.constantCovariate(column: j, fold: fold) }
            mean[j] = m
            scale[j] = s
        }
        self.mean = mean
        self.scale = scale
    }

    /// The standardized `rows` of `covariates`, column-major `rows.count × columns`.
    func standardized(_ covariates: Matrix, rows: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: rows.count * covariates.columns)
        for j in 0..<covariates.columns {
            for (r, i) in rows.enumerated() { out[r + j * rows.count] = (covariates[i, j] - mean[j]) / scale[j] }
        }
        return out
    }
}
