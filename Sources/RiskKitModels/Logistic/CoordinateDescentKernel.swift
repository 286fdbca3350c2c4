/// The coordinate-descent steps shared by both elastic-net solvers (``CoordinateDescentSolver`` on a dense design
/// and `StreamedElasticNet` on genotype slots): glmnet's updates on the IRLS quadratic approximation (Friedman,
/// Hastie and Tibshirani, 2010).
///
/// Columns are column-major, column `s` at offset `s·n` of `x`; `w` holds the working weights `Wᵢ` and `r` the working
/// residuals `Wᵢ(zᵢ − ηᵢ)`. Coordinate `s` works on its W-centred column `xₛ − x̄ₛ` (``weightedMoments(_:weights:n:total:)``),
/// so each feature update moves the intercept by `−x̄ₛΔβₛ` and the residuals keep `Σ rᵢ = 0`.
enum CoordinateDescentKernel {
    /// The W-weighted mean `x̄ = Σ Wᵢxᵢ / total` of column `x` and its curvature `v = Σ Wᵢ(xᵢ − x̄)²` (`total = Σ Wᵢ`).
    /// O(n), two passes.
    static func weightedMoments(_ x: UnsafePointer<Double>, weights w: UnsafeBufferPointer<Double>, n: Int,
                                total: Double) -> (center: Double, curvature: Double) {
        var m = 0.0
        for i in 0..<n { m += w[i] * x[i] }
        m /= total
        var v = 0.0
        for i in 0..<n { v += w[i] * (x[i] - m) * (x[i] - m) }
        return (m, v)
    }

    /// One cyclic pass: the intercept (`Δβ₀ = Σ rᵢ / Σ Wᵢ`, restoring `Σ rᵢ = 0`), then each coordinate `s` of
    /// `features` with positive curvature by soft-thresholding, `βₛ ← S(gₛ, λαfₛ) / (vₛ + λ(1−α)fₛ)` with
    /// `gₛ = Σ (xᵢₛ − x̄ₛ)rᵢ + vₛβₛ`, updating the residuals by `−Wᵢ(xᵢₛ − x̄ₛ)Δβₛ` and the intercept by `−x̄ₛΔβₛ`.
    /// Returns `max vₛ·Δβₛ²` over the pass (the intercept's `v` is `Σ Wᵢ`). O(n) per coordinate.
    static func sweep(
        _ features: [Int], n: Int, columns x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
        residual r: UnsafeMutableBufferPointer<Double>, coefficients beta: UnsafeMutableBufferPointer<Double>,
        intercept: inout Double, center: [Double], curvature: [Double], penaltyFactor: [Double], lambda: Double,
        alpha: Double
    ) -> Double {
        var total = 0.0, g0 = 0.0
        for i in 0..<n { total += w[i]; g0 += r[i] }
        let delta0 = g0 / total
        var b0 = intercept + delta0
        for i in 0..<n { r[i] -= w[i] * delta0 }
        var change = total * delta0 * delta0
        for s in features {
            let v = curvature[s]
            guard v > 0 else { continue }
            let col = x.baseAddress! + s * n
            let m = center[s]
            var g = 0.0
            for i in 0..<n { g += (col[i] - m) * r[i] }
            g += v * beta[s]
            let threshold = lambda * alpha * penaltyFactor[s]
            let shrunk = abs(g) <= threshold ? 0 : (g > 0 ? g - threshold : g + threshold)
            let updated = shrunk / (v + lambda * (1 - alpha) * penaltyFactor[s])
            let delta = updated - beta[s]
            if delta == 0 { continue }
            beta[s] = updated
            b0 -= m * delta
            for i in 0..<n { r[i] -= w[i] * (col[i] - m) * delta }
            change = Swift.max(change, v * delta * delta)
        }
        intercept = b0
        return change
    }
}

/// An elastic-net solver whose inner loop is ``CoordinateDescentKernel/sweep(_:n:columns:weights:residual:coefficients:intercept:center:curvature:penaltyFactor:lambda:alpha:)``.
protocol CoordinateSweeping {
    /// One pass of coordinate updates over `set` at `lambda`; returns `maxⱼ vⱼ·Δβⱼ²`.
    mutating func sweep(_ set: [Int], lambda: Double) -> Double
    /// Whether coordinate `j` is active: nonzero or unpenalized.
    func isActive(_ j: Int) -> Bool
}

extension CoordinateSweeping {
    /// glmnet's inner loop on the current quadratic approximation: a sweep over `set`, then sweeps over its active
    /// coordinates until one changes nothing (`maxⱼ vⱼ·Δβⱼ² < tolerance`), repeated until a sweep over `set` changes
    /// nothing. Returns the number of sweeps and whether it converged within 100,000 sweeps.
    mutating func descend(_ set: [Int], lambda: Double, tolerance: Double) -> (sweeps: Int, converged: Bool) {
        var sweeps = 0
        while true {
            var change = sweep(set, lambda: lambda)
            sweeps += 1
            if change < tolerance { return (sweeps, true) }
            let active = set.filter { isActive($0) }
            repeat {
                change = sweep(active, lambda: lambda)
                sweeps += 1
                if sweeps > 100_000 { return (sweeps, false) }
            } while change >= tolerance
        }
    }
}
