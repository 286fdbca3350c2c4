import RiskKitStatistics
import RiskKitLinearAlgebra

// MARK: - Screens

extension AssociationBlock {
    /// Records the variants of the block (decoded into columns `0..<count`) that cannot be regressed, as plink2
    /// does: too few observations, a constant genotype, collinearity with the covariates, or complete separation
    /// (fitted by Firth regression instead when the fallback is on). Returns the columns that need a regression.
    func screen(count: Int, constant: [Bool], caseDosage: [Double], dosage: [Double],
                results out: UnsafeMutablePointer<VariantAssociation>) -> [Int] {
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
        return active
    }

    /// plink2's correlation/VIF screen on the covariates and the genotype over the samples with a call.
    func collinearityFailure(column j: Int) -> AssociationErrorCode? {
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
}
