import Foundation
import RiskKitStatistics
import RiskKitLinearAlgebra

// MARK: - Newton–Raphson

extension AssociationBlock {
    /// Runs Newton–Raphson for the screened columns `active` (from the null fit, all columns in step), recording
    /// each variant's estimate or failure in `out`; a column whose step fails or does not converge is refitted by
    /// Firth regression when the fallback is on.
    func regress(_ active: [Int], results out: UnsafeMutablePointer<VariantAssociation>) {
        // Compact the columns that need a regression to the front.
        for (a, j) in active.enumerated() where a != j {
            (genotypes + a * n).update(from: genotypes + j * n, count: n)
            (mask + a * n).update(from: mask + j * n, count: n)
        }
        slots = active
        finalizing = [Bool](repeating: false, count: active.count)
        for a in 0..<slots.count {
            (coefficients + a * k).update(from: model.coefficients, count: k)
            genotypeCoefficient[a] = 0
        }
        var iteration = 0
        while !slots.isEmpty {
            evaluate(atNull: iteration == 0)
            var running: [Int] = []
            for a in 0..<slots.count {
                let j = slots[a]
                switch newtonStep(column: a, atNull: iteration == 0) {
                case .converged(let beta, let se, let valid):
                    if valid { out[j].beta = beta; out[j].standardError = se } else { out[j].error = .invalidResult }
                case .failed:
                    if options.firthFallback { firth(column: a, result: &out[j]) }
                    else { out[j].error = .logisticConvergeFail }
                case .continuing:
                    if iteration + 1 >= options.maxIterations {
                        if options.firthFallback { firth(column: a, result: &out[j]) }
                        else { out[j].error = .logisticConvergeFail }
                    } else {
                        running.append(a)
                    }
                }
            }
            for (a, source) in running.enumerated() where a != source {
                (genotypes + a * n).update(from: genotypes + source * n, count: n)
                (mask + a * n).update(from: mask + source * n, count: n)
                (coefficients + a * k).update(from: coefficients + source * k, count: k)
                genotypeCoefficient[a] = genotypeCoefficient[source]
            }
            slots = running.map { slots[$0] }
            finalizing = running.map { finalizing[$0] }
            iteration += 1
        }
    }


    /// Weights, residuals and the products every active variant's system needs, at the current coefficients (or,
    /// `atNull`, at the null fit, where the weights are the null model's and no exponential is needed).
    func evaluate(atNull: Bool) {
        let active = slots.count
        if !atNull {
            StridedKernels.gemm(.none, .none, m: n, n: active, k: k, a: model.design, lda: n, b: coefficients, ldb: k,
                                c: linear, ldc: n)
        }
        let weighted = residualsAndWeighted + active * n
        model.outcome.withUnsafeBufferPointer { y in
            model.weights.withUnsafeBufferPointer { w0 in
                model.residuals.withUnsafeBufferPointer { r0 in
                    for a in 0..<active {
                        let g = genotypes + a * n, m = mask + a * n
                        let w = weights + a * n, r = residualsAndWeighted + a * n, wg = weighted + a * n
                        if atNull {
                            AssociationBlock.nullWeights(n: n, w0: w0.baseAddress!, r0: r0.baseAddress!, g: g, m: m,
                                                         r: r, wg: wg)
                        } else {
                            AssociationBlock.weights(n: n, eta: linear + a * n, gamma: genotypeCoefficient[a],
                                                     y: y.baseAddress!, g: g, m: m, w: w, r: r, wg: wg)
                        }
                        genotypeInformation[a] = StridedKernels.dot(n: n, wg, g)
                        genotypeScore[a] = StridedKernels.dot(n: n, r, g)
                    }
                }
            }
        }
        // Sums over samples in chunks whose operands stay in cache, accumulated in place (β = 1 after the first).
        let chunk = AssociationBlock.sampleChunk
        model.design.withUnsafeBufferPointer { design in
            model.pairProducts.withUnsafeBufferPointer { pairs in
                for start in stride(from: 0, to: n, by: chunk) {
                    let rows = Swift.min(chunk, n - start), beta: Double = start == 0 ? 0 : 1
                    StridedKernels.gemm(.transpose, .none, m: k, n: 2 * active, k: rows, a: design.baseAddress! + start,
                                        lda: n, b: residualsAndWeighted + start, ldb: n, beta: beta,
                                        c: covariateProducts, ldc: k)
                    if !atNull {
                        StridedKernels.gemm(.transpose, .none, m: model.pairCount, n: active, k: rows,
                                            a: pairs.baseAddress! + start, lda: n, b: weights + start, ldb: n,
                                            beta: beta, c: packedInformation, ldc: model.pairCount)
                    }
                }
            }
        }
    }

    /// At the null fit: r = r₀ ⊙ m and w ⊙ g = w₀ ⊙ m ⊙ g, four samples per SIMD operation.
    static func nullWeights(
        n: Int, w0: UnsafePointer<Double>, r0: UnsafePointer<Double>, g: UnsafePointer<Double>,
        m: UnsafePointer<Double>, r: UnsafeMutablePointer<Double>, wg: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i + 4 <= n {
            let mi = load4(m + i)
            store4(load4(r0 + i) * mi, r + i)
            store4(load4(w0 + i) * mi * load4(g + i), wg + i)
            i += 4
        }
        while i < n {
            r[i] = r0[i] * m[i]
            wg[i] = w0[i] * m[i] * g[i]
            i += 1
        }
    }

    /// At coefficients giving linear predictors η + γ·g: μ = 1/(1 + e^−(η+γg)), w = μ(1 − μ) ⊙ m, r = (y − μ) ⊙ m and
    /// w ⊙ g, four samples per SIMD operation with ``VectorExponential/logistic(_:)`` (one division each).
    static func weights(
        n: Int, eta: UnsafePointer<Double>, gamma: Double, y: UnsafePointer<Double>, g: UnsafePointer<Double>,
        m: UnsafePointer<Double>, w: UnsafeMutablePointer<Double>, r: UnsafeMutablePointer<Double>,
        wg: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i + 4 <= n {
            let gi = load4(g + i)
            let (mu, oneMinusMu) = VectorExponential.logistic(load4(eta + i) + gamma * gi)
            let mi = load4(m + i)
            let wi = mu * oneMinusMu * mi
            store4(wi, w + i)
            store4((load4(y + i) - mu) * mi, r + i)
            store4(wi * gi, wg + i)
            i += 4
        }
        while i < n {
            let mu = 1 / (1 + exp(-(eta[i] + gamma * g[i])))
            w[i] = mu * (1 - mu) * m[i]
            r[i] = (y[i] - mu) * m[i]
            wg[i] = w[i] * g[i]
            i += 1
        }
    }

    /// Samples per `dgemm` call in ``evaluate(atNull:)``. These products have a huge inner dimension (n) and a tiny
    /// result; OpenBLAS packs both operands on every call, and with 512-row slices those stay in L2 (Q's slice is
    /// 512 × k(k+1)/2 doubles). Measured on the 8,000 × 20,000 × 10-covariate benchmark, one thread: 5.7 s unsliced,
    /// 4.5 s at 256–512 rows.
    static let sampleChunk = 512

    /// The outcome of one Newton step for one variant.
    enum StepOutcome {
        case converged(beta: Double, standardError: Double, valid: Bool)
        case failed
        case continuing
    }

    /// Builds and solves active column `a`'s system, updates its coefficients, and says whether it has converged.
    func newtonStep(column a: Int, atNull: Bool) -> StepOutcome {
        let active = slots.count
        let size = order
        for t in 0..<(size * size) { system[t] = 0 }
        for col in 0..<k {
            for row in col..<k {
                system[row + col * size] = atNull ? model.information[row + col * k]
                    : packedInformation[model.pairIndex(col, row) + a * model.pairCount]
            }
            system[k + col * size] = covariateProducts[col + (active + a) * k]
            score[col] = covariateProducts[col + a * k]
        }
        system[k + k * size] = genotypeInformation[a]
        score[k] = genotypeScore[a]
        if atNull {
            let x = model.design, w0 = model.weights
            let j = slots[a]
            for r in missingRows[missingStart[j]..<missingStart[j + 1]] {
                for col in 0..<k {
                    let wc = w0[r] * x[r + col * n]
                    for row in col..<k { system[row + col * size] -= wc * x[r + row * n] }
                }
            }
        }
        do {
            try StridedKernels.choleskyFactor(order: size, a: system, lda: size)
            step.update(from: score, count: size)
            try StridedKernels.choleskySolve(order: size, factor: system, lda: size, b: step)
        } catch {
            return .failed
        }
        var decrement = 0.0
        for t in 0..<size { decrement += score[t] * step[t] }
        guard decrement.isFinite else { return .failed }
        for col in 0..<k { coefficients[col + a * k] += step[col] }
        genotypeCoefficient[a] += step[k]
        guard finalizing[a] || decrement <= options.finalDecrement else {
            if decrement <= options.tolerance { finalizing[a] = true }
            return .continuing
        }
        guard (try? StridedKernels.choleskyInverse(order: size, a: system, lda: size)) != nil else { return .failed }
        return .converged(beta: genotypeCoefficient[a], standardError: system[k + k * size].squareRoot(),
                          valid: AssociationBlock.isValidCovariance(system, order: size))
    }

    /// plink2's validity check on the inverse information (lower triangle at `h`): every non-intercept variance at
    /// least 1e-20 and finite, and no two estimates correlated above 0.99999.
    static func isValidCovariance(_ h: UnsafePointer<Double>, order: Int) -> Bool {
        for p in 1..<order {
            let v = h[p + p * order]
            guard v >= 1e-20, v.isFinite else { return false }
        }
        for p in 1..<order {
            let bound = 0.99999 * h[p + p * order].squareRoot()
            for q in 0..<p where h[p + q * order] > bound * h[q + q * order].squareRoot() { return false }
        }
        return true
    }
}

/// Four consecutive doubles as one SIMD value (unaligned load).
@inline(__always) private func load4(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}

/// Stores four doubles at `p` (unaligned).
@inline(__always) private func store4(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
}
