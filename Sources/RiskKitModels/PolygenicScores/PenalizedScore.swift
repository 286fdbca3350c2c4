import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// Penalized (lasso / elastic-net) logistic polygenic scores fitted over all variants of a PLINK 1 fileset, the role
/// of `bigstatsr::big_spLogReg`: genotypes are streamed from the memory-mapped `.bed`, only the strong set is
/// decoded, and λ is chosen by K-fold cross-validation.
public enum PenalizedScore {
    /// Cross-validates the elastic-net path, fits it on all given samples and returns the full-data fits along the
    /// path with the λ of minimum mean held-out deviance (and the one-standard-error λ) marked.
    ///
    /// Model: `logit P(y = 1) = β₀ + Zγ + X̃β`, X̃ the A1 dosages (`.bim` column 5) of each variant centred and scaled
    /// by its 1/n standard deviation over the fitting samples with missing calls mean-imputed (0 after centring), Z
    /// the covariates standardized the same way (glmnet's `standardize = TRUE`). Objective at λ:
    /// `(1/n)·Σᵢ −loglikᵢ + λ·Σⱼ [(1−α)/2·βⱼ² + α·|βⱼ|]` over the variants (and the covariates only when
    /// ``Options/penalizeCovariates``); the results are reported on the dosage scale. Algorithm (see
    /// `StreamedElasticNet`): IRLS outer loop, cyclic coordinate descent inner loop on a dense column-major
    /// `n × |strong set|` buffer, sequential strong rule, and a KKT check over all M variants computed from the packed
    /// `.bed` bytes with per-sample-pair look-up tables (O(M·N/2) per pass, split over ``Options/threads`` with
    /// `DispatchQueue.concurrentPerform`). BLAS (`cblas_dgemm` with one right-hand column, `cblas_ddot`,
    /// `cblas_dgemv`) is called only from the caller's thread, never from those workers, and the process-wide BLAS
    /// thread setting is left alone. Memory: O(n·|strong set| + N + M) doubles, never N × M.
    ///
    /// Path: `lambdaCount` λ log-spaced from the full data's λ_max (the smallest λ with every penalized coefficient
    /// zero at the covariates-only fit) down to λ_max·`lambdaMinRatio`, each warm-started from the previous.
    /// Cross-validation comes first: each fold's training part is re-standardized, refitted along these λ and scored
    /// on its held-out part (missing calls take the training mean); a fold stops after a λ with more than
    /// ``Options/maxActive`` nonzero variants or once its held-out deviance has not improved for
    /// ``Options/cvPatience`` λ, and a fold that stopped carries its last fit forward. The full-data path then runs
    /// down to the last λ any fold reached, stopping early after a λ with more than ``Options/maxActive`` nonzero
    /// variants or (from the 5th λ) when the deviance ratio exceeds ``Options/maxDevianceRatio`` or grows by less
    /// than ``Options/minDevianceRatioChange`` of itself, as glmnet; the CV summary covers the λ it fitted. Cost:
    /// (K + 1) paths, each about one KKT pass per λ plus O(n·|strong set|) per coordinate sweep.
    ///
    /// - Parameters:
    ///   - samples: the samples to fit (ascending `.fam` indices).
    ///   - variants: fileset indices of the candidate variants (distinct); monomorphic ones and ones without calls
    ///     among `samples` are excluded and listed in the result.
    ///   - outcome: 0/1 per sample of `samples`, in its order; both classes must occur.
    ///   - covariates: one row per sample of `samples` (nil for none); finite, non-constant columns.
    ///   - progress: called with a one-line message after each λ of each path.
    /// - Throws: ``PenalizedScoreError`` for bad inputs, constant covariates, no usable variant or non-convergence;
    ///   `DataError` from the fold assignment.
    public static func fit(
        fileset: PlinkFileset, samples: SampleSubset, variants: [Int], outcome: [Double], covariates: Matrix?,
        options: Options = Options(), progress: ((String) -> Void)? = nil
    ) throws -> PenalizedScoreFit {
        try validate(fileset: fileset, samples: samples, variants: variants, outcome: outcome, covariates: covariates,
                     options: options)
        let statistics = GenotypeColumnStatistics(fileset: fileset, variants: variants, samples: samples)
        var candidates: [Int] = [], monomorphic: [Int] = [], withoutCalls: [Int] = []
        for (k, v) in variants.enumerated() {
            if statistics.called[k] == 0 {
                withoutCalls.append(v)
            } else if statistics.scale[k] == 0 {
                monomorphic.append(v)
            } else {
                candidates.append(k)
            }
        }
        guard !candidates.isEmpty else {
            throw PenalizedScoreError.noUsableVariants(monomorphic: monomorphic.count, withoutCalls: withoutCalls.count)
        }
        let used = candidates.map { variants[$0] }
        let usedStatistics = GenotypeColumnStatistics(
            mean: candidates.map { statistics.mean[$0] }, scale: candidates.map { statistics.scale[$0] },
            called: candidates.map { statistics.called[$0] })
        let full = try PenalizedFittingSet(fileset: fileset, samples: samples, rows: Array(0..<samples.count),
                                           variants: used, statistics: usedStatistics, outcome: outcome,
                                           covariates: covariates, fold: nil)
        let sequence = try options.lambdas ?? full.defaultLambdas(options)
        let folds: [Int]?
        if let assignment = options.foldAssignment {
            folds = assignment
        } else if options.folds >= 2 {
            folds = try Folds.stratified(outcome: outcome, k: options.folds, seed: options.seed)
        } else {
            folds = nil
        }
        let heldOut = try folds.map { folds in
            try crossValidate(fileset: fileset, samples: samples, variants: used, outcome: outcome,
                              covariates: covariates, folds: folds, lambdas: sequence, options: options,
                              progress: progress)
        }
        let reached = heldOut.map { $0.deviance.map(\.count).max()! } ?? sequence.count
        var path: [PenalizedScoreModel] = []
        var run = try full.path(lambdas: Array(sequence[0..<reached]), options: options, earlyStops: true,
                                label: "full data", progress: progress) { _, lambda, solver in
            path.append(full.model(solver, lambda: lambda))
            return true
        }
        if run.stop == .completed && reached < sequence.count { run.stop = .crossValidation }
        return PenalizedScoreFit(
            lambdas: run.lambdas, path: path, nullDeviance: full.nullDeviance, stop: run.stop,
            crossValidation: heldOut.map { summarize(folds: folds!, heldOut: $0, count: run.lambdas.count) },
            usedVariantCount: used.count, excludedMonomorphic: monomorphic, excludedWithoutCalls: withoutCalls)
    }

    /// Checks shapes, outcome values, covariate values, variant indices and options.
    private static func validate(fileset: PlinkFileset, samples: SampleSubset, variants: [Int], outcome: [Double],
                                 covariates: Matrix?, options: Options) throws {
        func fail(_ message: String) -> PenalizedScoreError { .invalidInput(message) }
        guard samples.sampleCount == fileset.sampleCount else { throw fail("the sample subset belongs to another fileset") }
        guard samples.count >= 2 else { throw fail("at least 2 samples are needed, \(samples.count) given") }
        guard outcome.count == samples.count else {
            throw fail("\(outcome.count) outcome values for \(samples.count) samples")
        }
        guard outcome.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw fail("the outcome must be coded 0/1") }
        guard outcome.contains(0) && outcome.contains(1) else {
            throw fail("every sample has outcome \(Int(outcome[0])); a logistic model needs both 0 and 1")
        }
        if let covariates {
            guard covariates.rows == samples.count else {
                throw fail("the covariate matrix has \(covariates.rows) rows for \(samples.count) samples")
            }
            if let bad = covariates.storage.firstIndex(where: { !$0.isFinite }) {
                throw fail("covariate column \(bad / covariates.rows + 1), sample \(bad % covariates.rows + 1) is not a finite number")
            }
        }
        guard !variants.isEmpty else { throw fail("no variants given") }
        if let bad = variants.first(where: { $0 < 0 || $0 >= fileset.variantCount }) {
            throw fail("variant index \(bad) is outside the fileset's \(fileset.variantCount) variants")
        }
        guard Set(variants).count == variants.count else { throw fail("the variant list repeats a variant") }
        guard options.alpha > 0 && options.alpha <= 1 else { throw fail("alpha must be in (0, 1], not \(options.alpha)") }
        guard options.lambdaCount >= 1 else { throw fail("lambdaCount must be at least 1") }
        if let ratio = options.lambdaMinRatio, !(ratio > 0 && ratio < 1) {
            throw fail("lambdaMinRatio must be in (0, 1), not \(ratio)")
        }
        if let lambdas = options.lambdas {
            guard !lambdas.isEmpty, lambdas.allSatisfy({ $0 > 0 && $0.isFinite }),
                  zip(lambdas, lambdas.dropFirst()).allSatisfy({ $0 > $1 }) else {
                throw fail("explicit lambdas must be positive, finite and strictly decreasing")
            }
        }
        guard options.folds == 0 || options.folds >= 2 else { throw fail("folds must be 0 (no cross-validation) or at least 2") }
        if let assignment = options.foldAssignment {
            guard assignment.count == samples.count else {
                throw fail("\(assignment.count) fold indices for \(samples.count) samples")
            }
            let k = (assignment.max() ?? -1) + 1
            guard k >= 2, Set(assignment) == Set(0..<k) else {
                throw fail("fold indices must cover 0..<K for some K ≥ 2 with every fold non-empty")
            }
        }
        guard options.maxActive >= 1, options.maxIterations >= 1, options.threads >= 1 else {
            throw fail("maxActive, maxIterations and threads must be at least 1")
        }
        guard options.tolerance > 0 else { throw fail("tolerance must be positive") }
    }
}
