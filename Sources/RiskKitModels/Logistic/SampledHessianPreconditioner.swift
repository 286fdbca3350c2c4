import RiskKitLinearAlgebra

/// The initial inverse Hessian `H₀⁻¹` of the L-BFGS phase of the maximum-likelihood solver: `XᵀWX` estimated from a
/// row sample, or its diagonal when the sample shows no correlation beyond noise.
///
/// `H₀ = D^{½}·R·D^{½}`. `D` is the diagonal of `XᵀWX` taken as `Σᵢ wᵢxᵢⱼ²·W̄` over all rows (`W̄` the weighted
/// mean of `W`; exact at the intercept-only start without an offset). `R` is the correlation matrix `R̂` of
/// `X_SᵀW_S X_S` over the workspace's deterministic row sample `S` (one `dsyrk`, O(|S|·p²/2)), factored by `dpotrf`
/// (O(p³/3)) and applied by `dpotrs` (O(p²)) — or the identity. Sampling noise spreads the eigenvalues of `R̂` by
/// a factor `(1 ± √(p/m))²` (Marchenko–Pastur), which only pays off when the columns are correlated (or uncentred)
/// enough: the share of the off-diagonal energy that noise explains, `½p(p−1)/m / Σ_{j<k} r̂ⱼₖ²` (`m` the sample's
/// effective size; independent columns have `E r̂ⱼₖ² = 1/m`), must be at most 0.75, else `R = I`. Any positive-definite
/// `H₀` leads to the same optimum: the sample only changes how fast L-BFGS gets there.
package struct SampledHessianPreconditioner {
    /// Largest noise share at which the sampled correlations are used.
    static let largestNoiseShare = 0.75

    /// `1/√Dⱼ`.
    private let inverseRoot: [Double]
    /// Cholesky factor of `R̂`; nil for the diagonal preconditioner.
    private let factor: CholeskyFactor?
    /// The share of the sample's off-diagonal correlation energy explained by sampling noise (at most 1).
    package let noiseShare: Double
    /// Whether `H₀` uses the sampled correlations (false: `H₀ = D`).
    package var usesSample: Bool { factor != nil }

    /// Builds `H₀` at the Hessian weights `weight` (`W = w∘μ(1−μ)`), using the workspace's block for the sample.
    package init(problem: LogisticProblem, weight: [Double], workspace: inout HessianWorkspace) {
        let p = problem.columns
        var meanWeight = 0.0
        for w in weight { meanWeight += w }
        meanWeight = Swift.max(meanWeight / problem.weightSum, 1e-12)
        inverseRoot = problem.weightedSquares.map { $0 > 0 ? 1 / ($0 * meanWeight).squareRoot() : 1 }

        let (gram, rows) = workspace.sample(design: problem.design, weight: weight)
        var r = Matrix(rows: p, columns: p)
        let root = (0..<p).map { gram[$0, $0] > 0 ? 1 / gram[$0, $0].squareRoot() : 0 }
        var observed = 0.0, kept = 0
        for j in 0..<p {
            r[j, j] = 1
            guard root[j] > 0 else { continue }
            kept += 1
            for i in (j + 1)..<Swift.max(j + 1, p) where root[i] > 0 {
                let c = gram[i, j] * root[i] * root[j]
                r[i, j] = c
                observed += c * c
            }
        }
        let noise = rows > 0 ? 0.5 * Double(kept) * Double(kept - 1) / rows : .infinity
        noiseShare = observed > noise ? noise / observed : 1
        factor = noiseShare <= Self.largestNoiseShare ? try? CholeskyFactor(r) : nil
    }

    /// `H₀⁻¹·v`.
    func apply(_ v: [Double]) throws(LinearAlgebraError) -> [Double] {
        var x = zip(v, inverseRoot).map { $0 * $1 }
        if let factor { x = try factor.solve(x) }
        for j in x.indices { x[j] *= inverseRoot[j] }
        return x
    }
}
