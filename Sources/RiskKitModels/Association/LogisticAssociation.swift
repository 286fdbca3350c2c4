import Foundation
import RiskKitData

/// Per-variant logistic regression of a case/control phenotype on additive A1 dosage plus covariates, with
/// plink2 `--glm`'s defaults: A1 is the non-major allele, samples without a call are left out of that variant's
/// regression, Firth regression is the fallback, and plink2's sample-count, constant-genotype and
/// multicollinearity screens give the same `ERRCODE`s.
///
/// Algorithm. The covariates-only model is fitted once (``NullLogisticModel``). Variants are then processed in blocks
/// of `blockSize`, each thread its own blocks. For a block, genotypes are decoded into
/// an n × B column-major matrix G (missing calls 0, with a 0/1 mask M), and Newton–Raphson runs on all B
/// regressions at once, every variant starting from the null fit (genotype coefficient 0):
/// - the first step reuses the null fit's CᵀW₀C, corrected only for each variant's samples without a call, so it
///   costs one `dgemm` Cᵀ·[W₀⊙G] (the score-test step);
/// - later steps form the linear predictors with one `dgemm` C·B, then every variant's CᵀWC at once as Qᵀ·W (Q
///   holds the k(k+1)/2 column products of C), and CᵀR, CᵀWG with one more `dgemm`;
/// - each variant's (k+1)² system is factored with `dpotrf` and solved with `dpotrs`.
///
/// Convergence: a variant is done at the first evaluation whose Newton decrement UᵀH⁻¹U is at most `finalDecrement`
/// (1e-18), or at the evaluation after the one where it first fell to `tolerance` (1e-9); that last step is taken and
/// the standard error is √(H⁻¹) at that point (`dpotri`). Both rules leave BETA within 1e-14·SE and SE within about
/// 1e-10 (relative) of a fit iterated to machine precision. A variant that does not converge within
/// `maxIterations`, or whose A1 dosage is all in cases or all in controls, goes to ``FirthLogisticRegression``.
/// Cost: O(n·k²) per variant and iteration in `dgemm`, typically three or four iterations with
/// the first one O(n·k).
public enum LogisticAssociation {
    /// Which allele is tested.
    public enum A1Choice: Sendable, Equatable {
        /// The non-major allele, by frequency over these samples (plink2's default; ALT on a tie).
        case minor(frequencySamples: SampleSubset)
        /// Always ALT (plink2's `omit-ref`).
        case alt
    }

    /// Settings for ``run(fileset:design:variants:options:progress:)``.
    public struct Options: Sendable {
        /// Which allele is A1.
        public var alleles: A1Choice
        /// Use Firth regression when logistic regression fails (plink2's default `firth-fallback`).
        public var firthFallback = true
        /// plink2's `--max-corr` / `--vif` screen.
        public var collinearity = PredictorCollinearity()
        /// Newton decrement UᵀH⁻¹U below which one more iteration finishes a regression.
        public var tolerance = 1e-9
        /// Newton decrement UᵀH⁻¹U that finishes a regression at once.
        public var finalDecrement = 1e-18
        /// Newton iterations before falling back to Firth.
        public var maxIterations = 25
        /// Worker threads.
        public var threads = 1
        /// Variants per block.
        public var blockSize = 16

        /// Options testing `alleles`, with plink2's defaults otherwise.
        public init(alleles: A1Choice) {
            self.alleles = alleles
        }
    }

    /// Tests every variant of `variants` (`.bim` indices), returning one result per variant in the same order.
    ///
    /// `progress`, when given, is called now and then with the number of variants finished.
    ///
    /// The BLAS calls inside are small (one block of variants each), so with `options.threads` > 1 the caller should
    /// run OpenBLAS single-threaded (``BLASThreads/set(_:)``), as `riskkit gwas` does. This function leaves that
    /// process-wide setting alone: other threads of the caller may be using BLAS at the same time.
    /// - Throws: ``DataError`` or ``LogisticRegressionError`` when the covariates-only model cannot be fitted
    ///   (a constant or collinear covariate, separation by covariates).
    public static func run(
        fileset: PlinkFileset, design: CaseControlDesign, variants: [Int], options: Options,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> [VariantAssociation] {
        precondition(design.samples.sampleCount == fileset.sampleCount, "design is for another fileset")
        let null = try NullLogisticModel(design: design, collinearity: options.collinearity)
        let blockSize = Swift.max(1, options.blockSize)
        let blockCount = (variants.count + blockSize - 1) / blockSize
        let threads = Swift.max(1, Swift.min(options.threads, blockCount))
        // Every block initializes its own slice of the results in place.
        let results = [VariantAssociation](unsafeUninitializedCapacity: variants.count) { out, initialized in
            nonisolated(unsafe) let base = out.baseAddress!
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let block = AssociationBlock(model: null, fileset: fileset, samples: design.samples,
                                             options: options, capacity: blockSize)
                var done = 0
                for b in stride(from: thread, to: blockCount, by: threads) {
                    let range = (b * blockSize)..<Swift.min(variants.count, (b + 1) * blockSize)
                    block.process(variants[range], into: base + range.lowerBound)
                    done += range.count
                    if thread == 0 { progress?(Swift.min(variants.count, done * threads)) }
                }
            }
            initialized = variants.count
        }
        progress?(variants.count)
        return results
    }
}
