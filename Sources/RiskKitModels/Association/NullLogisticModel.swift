import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// The covariates-only logistic fit that every per-variant regression starts from, with the products it reuses.
///
/// Covariates are centred and scaled to unit variance internally; the genotype's coefficient and standard error do
/// not depend on affine transformations of the covariates (the intercept absorbs the shifts), and the scaling keeps
/// XᵀWX well conditioned whatever units the covariates come in. Storage is column-major throughout.
struct NullLogisticModel: Sendable {
    /// Samples in the regression.
    let n: Int
    /// Columns of ``design``: intercept plus covariates.
    let k: Int
    /// n × k: a column of ones, then the standardized covariates.
    let design: [Double]
    /// n × k(k+1)/2: the products `c_a ⊙ c_b` for a ≤ b, in the order of ``pairIndex(_:_:)``, so that `Qᵀw` gives
    /// the lower triangle of `CᵀWC` for a whole block of weight vectors in one `dgemm`.
    let pairProducts: [Double]
    /// 0/1 outcome.
    let outcome: [Double]
    /// The null fit's coefficients on ``design``.
    let coefficients: [Double]
    /// Null fitted weights μ(1 − μ).
    let weights: [Double]
    /// Null residuals y − μ.
    let residuals: [Double]
    /// CᵀW₀C at the null fit, k × k (full).
    let information: [Double]
    /// Cᵀ(y − μ₀): the null score (zero up to the fit's convergence).
    let score: [Double]
    /// Σ c over all n samples, and Σ c cᵀ (k × k), for the collinearity screen's covariate part.
    let columnSums: [Double]
    let crossProducts: [Double]

    /// The number of distinct pairs a ≤ b.
    var pairCount: Int { k * (k + 1) / 2 }

    /// Position of the pair (a, b), a ≤ b, among ``pairProducts``' columns.
    func pairIndex(_ a: Int, _ b: Int) -> Int { a * k - a * (a - 1) / 2 + (b - a) }

    /// Fits the covariates-only model.
    /// - Throws: ``DataError`` for a constant covariate or covariates that fail the collinearity screen,
    ///   ``LogisticRegressionError`` (naming the covariates) for separation or non-convergence.
    init(design caseControl: CaseControlDesign, collinearity: PredictorCollinearity) throws {
        let n = caseControl.samples.count, c = caseControl.covariateNames.count
        self.n = n
        k = c + 1
        var x = [Double](repeating: 1, count: n * k)
        var sums = [Double](repeating: 0, count: c)
        var cross = Matrix(rows: c, columns: c)
        for j in 0..<c {
            let column = Array(caseControl.covariates.storage[(j * n)..<((j + 1) * n)])
            let mean = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(Swift.max(1, n - 1))
            guard variance > 0 else {
                throw DataError(code: .constantCovariate, column: caseControl.covariateNames[j],
                                "covariate is constant over the \(n) samples in the regression")
            }
            let scale = 1 / variance.squareRoot()
            for i in 0..<n { x[i + (j + 1) * n] = (column[i] - mean) * scale }
            sums[j] = column.reduce(0, +)
        }
        let covariateMatrix = caseControl.covariates
        if c > 0 {
            covariateMatrix.accumulateGram(into: &cross)
            if let failure = collinearity.check(sums: sums, crossProducts: cross, n: n) {
                throw DataError(column: caseControl.covariateNames.joined(separator: ","),
                                "the covariates fail the multicollinearity screen (\(failure.rawValue)); drop or combine some")
            }
        }
        design = x
        outcome = caseControl.outcome
        let designMatrix = Matrix(rows: n, columns: k, columnMajor: x)
        let fit = try LogisticRegression.fit(design: designMatrix, outcome: outcome,
                                             columnNames: ["intercept"] + caseControl.covariateNames)
        coefficients = fit.coefficients
        let eta = designMatrix.multiply(coefficients)
        var w = [Double](repeating: 0, count: n), r = w
        for i in 0..<n {
            let mu = 1 / (1 + exp(-eta[i]))
            w[i] = mu * (1 - mu)
            r[i] = outcome[i] - mu
        }
        weights = w
        residuals = r
        var scaled = designMatrix
        for j in 0..<k { for i in 0..<n { scaled[i, j] *= w[i].squareRoot() } }
        information = scaled.gram().storage
        score = designMatrix.multiply(r, transpose: .transpose)
        columnSums = (0..<k).map { j in x[(j * n)..<((j + 1) * n)].reduce(0, +) }
        crossProducts = designMatrix.gram().storage
        var q = [Double](repeating: 0, count: n * k * (k + 1) / 2)
        var column = 0
        for a in 0..<k {
            for b in a..<k {
                for i in 0..<n { q[i + column * n] = x[i + a * n] * x[i + b * n] }
                column += 1
            }
        }
        pairProducts = q
    }
}
