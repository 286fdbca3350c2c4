import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// One thread's workspace for ``LogisticAssociation``: a block of variants' genotypes and their Newton state.
///
/// All buffers are allocated once, column-major, sized for `capacity` variants, and reused for every block the
/// thread processes. Columns of a block are compacted as their regressions finish, so later iterations only pay for
/// the variants still running.
final class AssociationBlock {
    private let model: NullLogisticModel
    private let fileset: PlinkFileset
    private let sampleIndices: [Int]
    private let options: LogisticAssociation.Options
    private let capacity: Int
    private let n: Int
    private let k: Int
    /// Order of each variant's system: intercept, covariates, genotype.
    private let order: Int

    /// n × capacity A1 dosages (0 where the call is missing).
    private let genotypes: UnsafeMutablePointer<Double>
    /// n × capacity: 1 where the sample has a call, else 0.
    private let mask: UnsafeMutablePointer<Double>
    /// n × capacity linear predictors, then weights w = μ(1 − μ) (masked).
    private let linear: UnsafeMutablePointer<Double>
    private let weights: UnsafeMutablePointer<Double>
    /// n × 2·active: residuals y − μ (masked), then w ⊙ g.
    private let residualsAndWeighted: UnsafeMutablePointer<Double>
    /// k(k+1)/2 × capacity: lower triangles of CᵀWC.
    private let packedInformation: UnsafeMutablePointer<Double>
    /// k × 2·active: CᵀR, then CᵀWG; reused as CᵀG by the collinearity screen.
    private let covariateProducts: UnsafeMutablePointer<Double>
    /// k × capacity covariate coefficients and capacity genotype coefficients.
    private let coefficients: UnsafeMutablePointer<Double>
    private let genotypeCoefficient: UnsafeMutablePointer<Double>
    /// Per active column: gᵀWg and gᵀR.
    private let genotypeInformation: UnsafeMutablePointer<Double>
    private let genotypeScore: UnsafeMutablePointer<Double>
    /// order × order system and order-long step and score.
    private let system: UnsafeMutablePointer<Double>
    private let step: UnsafeMutablePointer<Double>
    private let score: UnsafeMutablePointer<Double>
    /// For each active column, its position in the block's output.
    private var slots: [Int]
    /// For each active column, whether its decrement has reached the tolerance (the next step is the last).
    private var finalizing: [Bool] = []
    /// Rows without a call, per block column (indexed by output position): `missingRows[missingStart[j]..<missingStart[j+1]]`.
    private var missingRows: [Int] = []
    private var missingStart: [Int]

    init(model: NullLogisticModel, fileset: PlinkFileset, samples: SampleSubset, options: LogisticAssociation.Options,
         capacity: Int) {
        self.model = model
        self.fileset = fileset
        sampleIndices = samples.indices
        self.options = options
        self.capacity = capacity
        n = model.n
        k = model.k
        order = model.k + 1
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, count))
            p.initialize(repeating: 0, count: Swift.max(1, count))
            return p
        }
        genotypes = buffer(n * capacity)
        mask = buffer(n * capacity)
        linear = buffer(n * capacity)
        weights = buffer(n * capacity)
        residualsAndWeighted = buffer(2 * n * capacity)
        packedInformation = buffer(model.pairCount * capacity)
        covariateProducts = buffer(2 * model.k * capacity)
        coefficients = buffer(model.k * capacity)
        genotypeCoefficient = buffer(capacity)
        genotypeInformation = buffer(capacity)
        genotypeScore = buffer(capacity)
        system = buffer((model.k + 1) * (model.k + 1))
        step = buffer(model.k + 1)
        score = buffer(model.k + 1)
        slots = []
        missingStart = [0]
    }

    deinit {
        for p in [genotypes, mask, linear, weights, residualsAndWeighted, packedInformation, covariateProducts,
                  coefficients, genotypeCoefficient, genotypeInformation, genotypeScore, system, step, score] {
            p.deallocate()
        }
    }

    /// Runs the regressions of `variants` (at most `capacity`) and initializes one result per variant at `out`
    /// (uninitialized memory on entry).
    func process(_ variants: ArraySlice<Int>, into out: UnsafeMutablePointer<VariantAssociation>) {
        let count = variants.count
        precondition(count <= capacity, "block of \(count) variants exceeds the workspace")
        slots = []
        missingRows.removeAll(keepingCapacity: true)
        missingStart = [0]
        var caseDosage = [Double](repeating: 0, count: count)
        var dosage = [Double](repeating: 0, count: count)
        var constant = [Bool](repeating: false, count: count)
        for (j, variant) in variants.enumerated() {
            let a1IsAlt = a1IsAlt(variant)
            let stats = decode(variant, a1IsAlt: a1IsAlt, into: j)
            caseDosage[j] = stats.caseDosage
            dosage[j] = stats.dosage
            constant[j] = stats.constant
            let observations = stats.observations
            (out + j).initialize(to: VariantAssociation(
                variant: variant, a1IsAlt: a1IsAlt,
                a1Frequency: observations == 0 ? .nan : stats.dosage / Double(2 * observations),
                observations: observations))
        }
        // CᵀG for the collinearity screen.
        StridedKernels.gemm(.transpose, .none, m: k, n: count, k: n, a: model.design, lda: n, b: genotypes, ldb: n,
                            c: covariateProducts, ldc: k)
        var active: [Int] = []
        for j in 0..<count {
            let observations = out[j].observations
            if observations <= order {
                out[j].error = .tooFewSamples
            } else if constant[j] {
                out[j].error = .constantGenotype
            } else if let failure = collinearityFailure(column: j) {
                out[j].error = failure
            } else if caseDosage[j] == 0 || caseDosage[j] == dosage[j] {
                if options.firthFallback { firth(column: j, result: &out[j]) } else { out[j].error = .separation }
            } else {
                active.append(j)
            }
        }
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

    // MARK: - Decoding and screens

    /// `altDosages[4·b + s]`: ALT dosage of slot s of byte b (0 when missing).
    private static let altDosages: [Double] = (0..<1024).map { [2.0, 0, 1, 0][(($0 >> 2) >> (2 * ($0 & 3))) & 3] }
    /// The same for REF.
    private static let refDosages: [Double] = (0..<1024).map { [0.0, 0, 1, 2][(($0 >> 2) >> (2 * ($0 & 3))) & 3] }
    /// `masks[4·b + s]`: 1 when slot s of byte b holds a call, 0 when it is missing.
    private static let masks: [Double] = (0..<1024).map { (($0 >> 2) >> (2 * ($0 & 3))) & 3 == 1 ? 0 : 1 }

    /// Whether A1 is ALT for `variant` under the chosen rule.
    private func a1IsAlt(_ variant: Int) -> Bool {
        switch options.alleles {
        case .alt: return true
        case .minor(let frequencySamples):
            let counts = fileset.genotypeCounts(variant: variant, samples: frequencySamples)
            return 2 * counts.allele1Count <= counts.alleleObservations
        }
    }

    /// Decodes `variant` into block column `j`: A1 dosages (0 when missing), the mask, and the missing rows.
    private func decode(_ variant: Int, a1IsAlt: Bool, into j: Int)
        -> (observations: Int, dosage: Double, caseDosage: Double, constant: Bool) {
        // Codes 0 hom ALT, 1 missing, 2 het, 3 hom REF. All samples: byte tables give four dosages, four mask
        // values and the four codes' counts per byte; a subset takes two bits per sample.
        let g = genotypes + j * n, m = mask + j * n
        var counts = (0, 0, 0, 0)
        let dosages = a1IsAlt ? AssociationBlock.altDosages : AssociationBlock.refDosages
        dosages.withUnsafeBufferPointer { dosage in
            AssociationBlock.masks.withUnsafeBufferPointer { masks in
                GenotypeCode.packedCounts.withUnsafeBufferPointer { packed in
                    GenotypeCode.missingSlots.withUnsafeBufferPointer { missingSlots in
                        sampleIndices.withUnsafeBufferPointer { indices in
                            fileset.withRecord(variant) { record in
                                if n == fileset.sampleCount {
                                    let full = n / 4
                                    var start = 0
                                    while start < full {
                                        let end = Swift.min(full, start + 16_000)
                                        var word: UInt64 = 0
                                        for b in start..<end {
                                            let byte = Int(record[b])
                                            let t = byte << 2, o = b << 2
                                            g[o] = dosage[t]; g[o + 1] = dosage[t + 1]; g[o + 2] = dosage[t + 2]; g[o + 3] = dosage[t + 3]
                                            m[o] = masks[t]; m[o + 1] = masks[t + 1]; m[o + 2] = masks[t + 2]; m[o + 3] = masks[t + 3]
                                            word &+= packed[byte]
                                            var missing = missingSlots[byte]
                                            while missing != 0 {
                                                missingRows.append(o + missing.trailingZeroBitCount)
                                                missing &= missing - 1
                                            }
                                        }
                                        counts.0 += Int(word & 0xFFFF); counts.1 += Int((word >> 16) & 0xFFFF)
                                        counts.2 += Int((word >> 32) & 0xFFFF); counts.3 += Int(word >> 48)
                                        start = end
                                    }
                                    for r in (full * 4)..<n { store(r, sample: r) }
                                } else {
                                    for r in 0..<n { store(r, sample: indices[r]) }
                                }
                                func store(_ r: Int, sample i: Int) {
                                    let code = Int((record[i >> 2] >> UInt8((i & 3) << 1)) & 3)
                                    g[r] = dosage[code << 2]    // slot 0 of the byte whose value is the code
                                    m[r] = masks[code << 2]
                                    switch code {
                                    case 0: counts.0 += 1
                                    case 1: counts.1 += 1; missingRows.append(r)
                                    case 2: counts.2 += 1
                                    default: counts.3 += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var sum = 0.0, caseSum = 0.0
        model.outcome.withUnsafeBufferPointer { y in
            for r in 0..<n {
                sum += g[r]
                caseSum += g[r] * y[r]
            }
        }
        let classes = [counts.0, counts.1, counts.2, counts.3]
        missingStart.append(missingRows.count)
        let observations = n - classes[1]
        let constant = classes[0] == observations || classes[2] == observations || classes[3] == observations
        return (observations, sum, caseSum, constant)
    }

    /// plink2's correlation/VIF screen on the covariates and the genotype over the samples with a call.
    private func collinearityFailure(column j: Int) -> AssociationErrorCode? {
        let m = k    // k − 1 covariates and the genotype
        let missing = missingRows[missingStart[j]..<missingStart[j + 1]]
        let x = model.design
        var sums = [Double](repeating: 0, count: m)
        var cross = Matrix(rows: m, columns: m)
        let g = genotypes + j * n
        for a in 1..<k {
            var s = model.columnSums[a]
            for r in missing { s -= x[r + a * n] }
            sums[a - 1] = s
            for b in a..<k {
                var c = model.crossProducts[a + b * k]
                for r in missing { c -= x[r + a * n] * x[r + b * n] }
                cross[b - 1, a - 1] = c
            }
            cross[m - 1, a - 1] = covariateProducts[a + j * k]
        }
        sums[m - 1] = covariateProducts[j * k]
        var squares = 0.0
        for r in 0..<n { squares += g[r] * g[r] }
        cross[m - 1, m - 1] = squares
        return options.collinearity.check(sums: sums, crossProducts: cross, n: n - missing.count)
    }

    // MARK: - Newton–Raphson

    /// Weights, residuals and the products every active variant's system needs, at the current coefficients (or,
    /// `atNull`, at the null fit, where the weights are the null model's and no exponential is needed).
    private func evaluate(atNull: Bool) {
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
    private static func nullWeights(
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
    private static func weights(
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
    private enum StepOutcome {
        case converged(beta: Double, standardError: Double, valid: Bool)
        case failed
        case continuing
    }

    /// Builds and solves active column `a`'s system, updates its coefficients, and says whether it has converged.
    private func newtonStep(column a: Int, atNull: Bool) -> StepOutcome {
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
        guard StridedKernels.choleskyFactor(order: size, a: system, lda: size) else { return .failed }
        step.update(from: score, count: size)
        StridedKernels.choleskySolve(order: size, factor: system, lda: size, b: step)
        var decrement = 0.0
        for t in 0..<size { decrement += score[t] * step[t] }
        guard decrement.isFinite else { return .failed }
        for col in 0..<k { coefficients[col + a * k] += step[col] }
        genotypeCoefficient[a] += step[k]
        guard finalizing[a] || decrement <= options.finalDecrement else {
            if decrement <= options.tolerance { finalizing[a] = true }
            return .continuing
        }
        guard StridedKernels.choleskyInverse(order: size, a: system, lda: size) else { return .failed }
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

    // MARK: - Firth fallback

    /// Fits block column `column` (its genotypes and mask as they are now) by Firth regression into `result`.
    private func firth(column: Int, result: inout VariantAssociation) {
        result.firth = true
        let g = genotypes + column * n, m = mask + column * n
        var rows: [Int] = []
        rows.reserveCapacity(n)
        for r in 0..<n where m[r] == 1 { rows.append(r) }
        let used = rows.count
        var x = Matrix(rows: used, columns: order)
        for col in 0..<k {
            for (t, r) in rows.enumerated() { x.storage[t + col * used] = model.design[r + col * n] }
        }
        for (t, r) in rows.enumerated() { x.storage[t + k * used] = g[r] }
        let y = rows.map { model.outcome[$0] }
        guard let fit = FirthLogisticRegression.fit(design: x, outcome: y) else {
            result.error = .firthConvergeFail
            return
        }
        let valid = fit.covariance.storage.withUnsafeBufferPointer {
            AssociationBlock.isValidCovariance($0.baseAddress!, order: order)
        }
        guard valid else {
            result.error = .invalidResult
            return
        }
        result.beta = fit.coefficients[k]
        result.standardError = fit.standardErrors[k]
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
