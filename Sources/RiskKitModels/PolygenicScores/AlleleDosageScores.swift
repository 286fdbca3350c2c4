import RiskKitData
import RiskKitLinearAlgebra

/// Weighted sums of effect-allele dosages for several scores at once: S = D·W, D the samples × variants matrix of
/// effect-allele dosages (missing calls imputed as 2f, f the effect-allele frequency), W the variants × scores
/// weights.
///
/// Algorithm: variants are decoded in blocks of ``PlinkFileset/defaultBlockSize`` into a samples × block
/// column-major matrix (never samples × all variants), oriented to the effect allele (2 − d when it is the `.bim`
/// A2), imputed, and accumulated with one `dgemm` per block, S ← S + D_block·W_block. O(N·M·T) flops in `dgemm`,
/// O(N·M) decoding; memory N × (256 + T) doubles.
public enum AlleleDosageScores {
    /// A variant scored on one of its alleles.
    public struct ScoredVariant: Sendable, Equatable {
        /// `.bim` index.
        public var variant: Int
        /// True when the scored (effect) allele is the `.bim` A1; false when it is A2.
        public var effectIsA1: Bool

        /// Creates a scored variant.
        public init(variant: Int, effectIsA1: Bool) {
            self.variant = variant
            self.effectIsA1 = effectIsA1
        }
    }

    /// The scores and what went into them.
    public struct Result: Sendable {
        /// Samples × scores, column-major; row `r` is sample `samples.indices[r]`.
        public var scores: Matrix
        /// Effect-allele frequency used for each variant's missing calls.
        public var frequencies: [Double]
        /// Missing calls imputed, over all variants and samples.
        public var imputedCalls: Int
    }

    /// Computes `samples.count × weights.columns` scores over `variants` (one row of `weights` each).
    ///
    /// - Parameter frequencies: effect-allele frequencies for imputation (a stored model's); nil: each variant's
    ///   frequency among these samples' calls (0 when none has a call).
    public static func compute(
        fileset: PlinkFileset, samples: SampleSubset, variants: [ScoredVariant], weights: Matrix,
        frequencies: [Double]? = nil
    ) -> Result {
        precondition(weights.rows == variants.count, "one row of weights per variant")
        precondition(frequencies == nil || frequencies!.count == variants.count, "one frequency per variant")
        let n = samples.count, t = weights.columns, m = variants.count
        var scores = Matrix(rows: n, columns: t)
        var used = frequencies ?? [Double](repeating: 0, count: m)
        var imputed = 0
        let blockSize = PlinkFileset.defaultBlockSize
        var block = Matrix(rows: n, columns: Swift.min(blockSize, m))
        for start in stride(from: 0, to: m, by: blockSize) {
            let range = start..<Swift.min(m, start + blockSize)
            if block.columns != range.count { block = Matrix(rows: n, columns: range.count) }
            fileset.decode(variants: variants[range].lazy.map(\.variant), samples: samples, missing: .nan, into: &block)
            block.withUnsafeMutableBufferPointer { d in
                for (j, k) in range.enumerated() {
                    let column = d.baseAddress! + j * n
                    var sum = 0.0, called = 0
                    for r in 0..<n where !column[r].isNaN {
                        if !variants[k].effectIsA1 { column[r] = 2 - column[r] }
                        sum += column[r]
                        called += 1
                    }
                    if frequencies == nil { used[k] = called == 0 ? 0 : sum / Double(2 * called) }
                    if called < n {
                        imputed += n - called
                        let fill = 2 * used[k]
                        for r in 0..<n where column[r].isNaN { column[r] = fill }
                    }
                }
            }
            block.storage.withUnsafeBufferPointer { d in
                weights.storage.withUnsafeBufferPointer { w in
                    scores.withUnsafeMutableBufferPointer { s in
                        StridedKernels.gemm(.none, .none, m: n, n: t, k: range.count, a: d.baseAddress!, lda: n,
                                            b: w.baseAddress! + range.lowerBound, ldb: m, beta: 1,
                                            c: s.baseAddress!, ldc: n)
                    }
                }
            }
        }
        return Result(scores: scores, frequencies: used, imputedCalls: imputed)
    }
}
