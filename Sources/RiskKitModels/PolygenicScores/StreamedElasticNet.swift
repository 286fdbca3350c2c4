import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// Elastic-net logistic regression of an outcome on standardized genotype columns streamed from a `.bed`, plus
/// dense standardized covariates: glmnet's algorithm (Friedman, Hastie and Tibshirani, 2010) with the sequential
/// strong rule (Tibshirani et al., 2012), organised so that the genotype matrix is never decoded whole.
///
/// Objective at λ: `(1/n)·Σᵢ −loglikᵢ(β₀ + Zγ + X̃β) + λ·Σⱼ fⱼ·[(1−α)/2·βⱼ² + α·|βⱼ|]`, X̃ the genotype columns
/// centred and scaled by ``GenotypeColumnStatistics`` (a missing call is 0), Z the standardized covariates with
/// penalty factor 0 (or 1 when penalized), `fⱼ = 1` for variants, intercept unpenalized.
///
/// - Storage: the covariates and the variants of the current strong set are "slots" of one dense column-major
///   `n × slots` buffer of standardized values (covariates first); a variant is decoded into a slot when it enters
///   the strong set and its slot is reused once it has left the strong set with a zero coefficient. Memory is
///   O(n·|strong set|) plus O(N + M) vectors.
/// - Outer loop (IRLS): working weights `Wᵢ = max(μᵢ(1−μᵢ), 10⁻⁹)/n`, working residuals `rᵢ = (yᵢ − μᵢ)/n`.
/// - Inner loop: cyclic coordinate descent with soft-thresholding on W-centred columns (each update moves the
///   intercept by `−x̄ⱼΔβⱼ`, `x̄ⱼ` the W-weighted mean), sweeping all slots once and then only the nonzero ones until a
///   sweep changes nothing, repeated until a sweep over all slots changes nothing. "Changes nothing": `maxⱼ vⱼ·Δβⱼ²`
///   below the tolerance, `vⱼ = Σᵢ Wᵢ(x̃ᵢⱼ − x̄ⱼ)²`. The IRLS loop stops by the same rule on the change across the
///   step; a step that increases the objective is halved.
/// - Screening: at λₖ a variant is strong when its coefficient is nonzero or `|cⱼ| ≥ α·(2λₖ − λₖ₋₁)`, `cⱼ = x̃ⱼᵀr`
///   at the previous solution. After the IRLS loop, `c` is recomputed for all M variants and any variant outside the
///   strong set with `|cⱼ| > λα` (KKT violation) is added and the fit repeated.
/// - The full gradient is `Xᵀr` straight from the packed bytes (``PlinkFileset/dosageSums(variants:weights:threads:)``,
///   O(M·N/2) table look-ups split over `threads`), then `cⱼ = (Σ_C xᵢⱼrᵢ − meanⱼ·Σ_C rᵢ) / scaleⱼ` over the called
///   samples C. A coordinate update costs O(n); the linear predictor is recomputed with one `cblas_dgemm` (n × slots
///   times the coefficient column) per IRLS step.
struct StreamedElasticNet: CoordinateSweeping {
    let fileset: PlinkFileset
    let samples: SampleSubset
    let variants: [Int]
    let statistics: GenotypeColumnStatistics
    let outcome: [Double]
    let covariateCount: Int
    let alpha: Double
    let tolerance: Double
    let maxIterations: Int
    let threads: Int

    /// The intercept on the standardized scale.
    private(set) var intercept: Double
    /// Linear predictor of the fitting samples.
    private(set) var eta: [Double]
    /// `cⱼ = x̃ⱼᵀr` for every variant at the last gradient pass (0 for columns with zero scale).
    private(set) var gradient: [Double]
    private var strong: [Bool]
    private var store: [Double]
    /// Coefficient per slot (covariate slots first); free slots hold 0.
    private(set) var coefficient: [Double]
    private var penaltyFactor: [Double]
    /// Variant index (into `variants`) per slot: −1 for a covariate, −2 for a free slot.
    private(set) var variantOfSlot: [Int]
    private var slotOf: [Int]
    private var freeSlots: [Int] = []
    private var working: [Double]
    private var residual: [Double]
    private var center: [Double]
    private var curvature: [Double]

    private var n: Int { outcome.count }
    private var slotCount: Int { coefficient.count }

    /// Sets up the problem and fits the covariates-only model (intercept only when covariates are penalized).
    /// - Parameters:
    ///   - covariates: standardized covariates, column-major `samples.count × covariateCount`.
    ///   - tolerance: the absolute threshold on `vⱼ·Δβⱼ²`.
    init(fileset: PlinkFileset, samples: SampleSubset, variants: [Int], statistics: GenotypeColumnStatistics,
         outcome: [Double], covariates: [Double], covariateCount: Int, penalizeCovariates: Bool, alpha: Double,
         tolerance: Double, maxIterations: Int, threads: Int) throws {
        self.fileset = fileset
        self.samples = samples
        self.variants = variants
        self.statistics = statistics
        self.outcome = outcome
        self.covariateCount = covariateCount
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.threads = threads
        let n = outcome.count
        let mean = outcome.reduce(0, +) / Double(n)
        intercept = log(mean / (1 - mean))
        eta = [Double](repeating: intercept, count: n)
        gradient = [Double](repeating: 0, count: variants.count)
        strong = [Bool](repeating: false, count: variants.count)
        store = covariates
        coefficient = [Double](repeating: 0, count: covariateCount)
        penaltyFactor = [Double](repeating: penalizeCovariates ? 1 : 0, count: covariateCount)
        variantOfSlot = [Int](repeating: -1, count: covariateCount)
        slotOf = [Int](repeating: -1, count: variants.count)
        working = [Double](repeating: 0, count: n)
        residual = [Double](repeating: 0, count: n)
        center = [Double](repeating: 0, count: covariateCount)
        curvature = [Double](repeating: 0, count: covariateCount)
        if covariateCount > 0 && !penalizeCovariates { _ = try irls(lambda: 0) }
        updateGradient()
        var largest = gradient.reduce(0) { Swift.max($0, abs($1)) }
        let r = outcomeResidual()
        for s in 0..<covariateCount where penalizeCovariates { largest = Swift.max(largest, abs(columnDot(s, r))) }
        lambdaMax = largest / alpha
    }

    /// The smallest λ at which every penalized coefficient is zero: `max |cⱼ| / α` over penalized columns at the
    /// covariates-only fit.
    private(set) var lambdaMax = 0.0

    /// Training deviance `2·Σᵢ −loglikᵢ` at the current fit.
    var deviance: Double { Self.deviance(eta: eta, outcome: outcome) }

    /// Nonzero variant coefficients (standardized scale) as (index into `variants`, coefficient), in slot order.
    var nonzeroVariants: [(variant: Int, coefficient: Double)] {
        (covariateCount..<slotCount).compactMap { s in
            variantOfSlot[s] >= 0 && coefficient[s] != 0 ? (variantOfSlot[s], coefficient[s]) : nil
        }
    }

    /// Covariate coefficients on the standardized scale.
    var covariateCoefficients: [Double] { Array(coefficient[0..<covariateCount]) }

    /// Solves at `lambda`, warm-started from the current fit and screened with the strong rule from
    /// `previousLambda`. Returns the number of full gradient passes (one plus one per KKT-violation round). At
    /// λ ≥ λ_max, before any variant has entered, the covariates-only fit is the solution and is kept as it is (a
    /// re-solve could only add coefficients of rounding size at the variant attaining λ_max).
    mutating func solve(lambda: Double, previousLambda: Double) throws -> Int {
        let penalizedZero = (0..<covariateCount).allSatisfy { penaltyFactor[$0] == 0 || coefficient[$0] == 0 }
        if lambda >= lambdaMax && penalizedZero && nonzeroVariants.isEmpty { return 0 }
        let screen = alpha * (2 * lambda - previousLambda)
        for j in variants.indices where statistics.scale[j] > 0 {
            strong[j] = (slotOf[j] >= 0 && coefficient[slotOf[j]] != 0) || abs(gradient[j]) >= screen
        }
        for j in variants.indices where slotOf[j] >= 0 && !strong[j] { release(j) }
        load(variants.indices.filter { strong[$0] && slotOf[$0] < 0 })
        var passes = 0
        while true {
            _ = try irls(lambda: lambda)
            updateGradient()
            passes += 1
            let bound = lambda * alpha * (1 + 1e-12)
            let violators = variants.indices.filter { !strong[$0] && statistics.scale[$0] > 0 && abs(gradient[$0]) > bound }
            if violators.isEmpty { return passes }
            for j in violators { strong[j] = true }
            load(violators)
        }
    }

    /// The deviance `2·Σᵢ −loglikᵢ` of linear predictor `eta`, computed stably as `2·Σ [max(z, 0) + log1p(e^{−|z|})]`
    /// with `z = −η` for events and `η` for non-events.
    static func deviance(eta: [Double], outcome: [Double]) -> Double {
        var total = 0.0
        for i in eta.indices {
            let z = outcome[i] == 1 ? -eta[i] : eta[i]
            total += Swift.max(z, 0) + log1p(exp(-abs(z)))
        }
        return 2 * total
    }

    // MARK: - Gradient

    /// `(yᵢ − μᵢ)/n` at the current linear predictor.
    private func outcomeResidual() -> [Double] {
        let scale = 1 / Double(n)
        return (0..<n).map { i in (outcome[i] - 1 / (1 + exp(-eta[i]))) * scale }
    }

    /// Recomputes `gradient` for every variant from the packed genotypes.
    private mutating func updateGradient() {
        let r = outcomeResidual()
        var full = [Double](repeating: 0, count: fileset.sampleCount)
        for (k, i) in samples.indices.enumerated() { full[i] = r[k] }
        let total = r.reduce(0, +)
        let sums = fileset.dosageSums(variants: variants, weights: full, threads: threads)
        for j in variants.indices {
            let s = statistics.scale[j]
            gradient[j] = s > 0 ? (sums.dosage[j] - statistics.mean[j] * (total - sums.missing[j])) / s : 0
        }
    }

    /// `x̃ₛᵀv` for slot `s`.
    private func columnDot(_ s: Int, _ v: [Double]) -> Double {
        store.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { StridedKernels.dot(n: n, x.baseAddress! + s * n, $0.baseAddress!) }
        }
    }

    // MARK: - Slots

    /// Decodes the variants (indices into `variants`) into free or new slots, 256 at a time.
    private mutating func load(_ indices: [Int]) {
        let n = self.n
        var start = 0
        while start < indices.count {
            let chunk = Array(indices[start..<Swift.min(indices.count, start + PlinkFileset.defaultBlockSize)])
            let block = fileset.decode(variants: chunk.map { variants[$0] }, samples: samples, missing: .nan)
            for (c, j) in chunk.enumerated() {
                let slot: Int
                if let free = freeSlots.popLast() {
                    slot = free
                } else {
                    slot = slotCount
                    store.append(contentsOf: repeatElement(0, count: n))
                    coefficient.append(0)
                    penaltyFactor.append(1)
                    variantOfSlot.append(-2)
                    center.append(0)
                    curvature.append(0)
                }
                let m = statistics.mean[j], inverse = 1 / statistics.scale[j]
                store.withUnsafeMutableBufferPointer { out in
                    block.storage.withUnsafeBufferPointer { x in
                        for i in 0..<n {
                            let value = x[c * n + i]
                            out[slot * n + i] = value.isNaN ? 0 : (value - m) * inverse
                        }
                    }
                }
                coefficient[slot] = 0
                variantOfSlot[slot] = j
                slotOf[j] = slot
            }
            start += chunk.count
        }
    }

    /// Frees the slot of variant `j` (its coefficient is zero).
    private mutating func release(_ j: Int) {
        let slot = slotOf[j]
        coefficient[slot] = 0
        variantOfSlot[slot] = -2
        slotOf[j] = -1
        freeSlots.append(slot)
    }

    // MARK: - IRLS and coordinate descent

    /// The penalized objective at the current fit.
    private func objective(lambda: Double) -> Double {
        var penalty = 0.0
        for s in 0..<slotCount where coefficient[s] != 0 {
            let b = coefficient[s]
            penalty += penaltyFactor[s] * ((1 - alpha) / 2 * b * b + alpha * abs(b))
        }
        return deviance / (2 * Double(n)) + lambda * penalty
    }

    /// `η = β₀ + [Z X̃_S]·coefficients` (`cblas_dgemm` with one right-hand column).
    private mutating func updateEta() {
        let (n, k) = (self.n, slotCount)
        store.withUnsafeBufferPointer { x in
            coefficient.withUnsafeBufferPointer { b in
                eta.withUnsafeMutableBufferPointer { e in
                    for i in 0..<n { e[i] = intercept }
                    StridedKernels.gemm(.none, .none, m: n, n: 1, k: k, a: x.baseAddress!, lda: n, b: b.baseAddress!,
                                        ldb: Swift.max(k, 1), beta: 1, c: e.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// IRLS outer loop over the occupied slots; returns the number of iterations.
    private mutating func irls(lambda: Double) throws -> Int {
        let occupied = (0..<slotCount).filter { variantOfSlot[$0] != -2 }
        for iteration in 1...maxIterations {
            let before = objective(lambda: lambda)
            let oldCoefficient = coefficient, oldIntercept = intercept, oldEta = eta
            prepareQuadratic(occupied)
            try coordinateDescent(occupied, lambda: lambda)
            updateEta()
            var after = objective(lambda: lambda)
            var halvings = 0
            while after > before + 1e-15 * abs(before) && halvings < 30 {
                halvings += 1
                for s in occupied { coefficient[s] = (coefficient[s] + oldCoefficient[s]) / 2 }
                intercept = (intercept + oldIntercept) / 2
                for i in 0..<n { eta[i] = (eta[i] + oldEta[i]) / 2 }
                after = objective(lambda: lambda)
            }
            let total = working.reduce(0, +)
            var change = total * (intercept - oldIntercept) * (intercept - oldIntercept)
            for s in occupied {
                let d = coefficient[s] - oldCoefficient[s]
                change = Swift.max(change, curvature[s] * d * d)
            }
            if change < tolerance { return iteration }
        }
        throw PenalizedScoreError.notConverged(lambda: lambda, iterations: maxIterations)
    }

    /// Working weights and residuals at the current η, and the W-weighted centre and curvature of each slot.
    private mutating func prepareQuadratic(_ occupied: [Int]) {
        let n = self.n, inverse = 1 / Double(n)
        for i in 0..<n {
            let mu = 1 / (1 + exp(-eta[i]))
            working[i] = Swift.max(mu * (1 - mu), 1e-9) * inverse
            residual[i] = (outcome[i] - mu) * inverse
        }
        let total = working.reduce(0, +)
        store.withUnsafeBufferPointer { x in
            working.withUnsafeBufferPointer { w in
                for s in occupied {
                    (center[s], curvature[s]) = CoordinateDescentKernel.weightedMoments(
                        x.baseAddress! + s * n, weights: w, n: n, total: total)
                }
            }
        }
    }

    /// Coordinate descent on the quadratic approximation: full sweeps alternating with sweeps over the nonzero
    /// (and unpenalized) slots until a full sweep changes nothing.
    private mutating func coordinateDescent(_ occupied: [Int], lambda: Double) throws {
        let (sweeps, converged) = descend(occupied, lambda: lambda, tolerance: tolerance)
        if !converged { throw PenalizedScoreError.notConverged(lambda: lambda, iterations: sweeps) }
    }

    func isActive(_ s: Int) -> Bool { coefficient[s] != 0 || penaltyFactor[s] == 0 }

    /// One pass of coordinate updates (intercept first, then `set`); returns `maxⱼ vⱼ·Δβⱼ²`.
    mutating func sweep(_ set: [Int], lambda: Double) -> Double {
        let n = self.n
        var b0 = intercept
        let change = store.withUnsafeBufferPointer { x in
            working.withUnsafeBufferPointer { w in
                residual.withUnsafeMutableBufferPointer { r in
                    coefficient.withUnsafeMutableBufferPointer { beta in
                        CoordinateDescentKernel.sweep(
                            set, n: n, columns: x, weights: w, residual: r, coefficients: beta,
                            intercept: &b0, center: center, curvature: curvature, penaltyFactor: penaltyFactor,
                            lambda: lambda, alpha: alpha)
                    }
                }
            }
        }
        intercept = b0
        return change
    }
}
