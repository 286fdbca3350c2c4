import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// Clumping and thresholding (C+T), as PRSice-2 does it: LD-clump the association results, then score with the
/// index variants below each p-value threshold and keep the threshold whose score explains most of the phenotype
/// on validation samples (largest Nagelkerke R² of score + covariates over covariates alone).
public enum ClumpingAndThresholding {
    /// PRSice-2-like default grid.
    public static let defaultThresholds = [5e-8, 1e-5, 1e-3, 0.01, 0.05, 0.1, 0.5, 1]

    /// Validation samples with their phenotype and covariates.
    public struct Validation: Sendable {
        /// Samples of the target fileset.
        public var samples: SampleSubset
        /// 0/1 outcome per sample.
        public var outcome: [Double]
        /// Samples × covariates (may have no columns).
        public var covariates: Matrix
        /// Covariate names.
        public var covariateNames: [String]

        /// Creates the validation set.
        public init(samples: SampleSubset, outcome: [Double], covariates: Matrix, covariateNames: [String]) {
            self.samples = samples
            self.outcome = outcome
            self.covariates = covariates
            self.covariateNames = covariateNames
        }
    }

    /// The index variants of an LD clumping of `match`, in ascending p (ties: `.bim` order).
    ///
    /// LD comes from `ldSamples` of `ldFileset` (the target itself, or an LD reference matched by variant id).
    /// Results whose variant is not among `ldVariants` cannot be clumped and are returned in `missingFromReference`.
    public static func indexVariants(
        _ match: StatisticsMatch, ldFileset: PlinkFileset, ldSamples: SampleSubset, ldVariants: [Int],
        options: ClumpingOptions
    ) throws -> (index: [StatisticsMatch.Matched], clumps: [LDClump], missingFromReference: Int) {
        var ldIndex: [String: Int] = [:]
        ldIndex.reserveCapacity(ldVariants.count)
        for v in ldVariants where ldIndex[ldFileset.variants[v].id] == nil { ldIndex[ldFileset.variants[v].id] = v }
        var byLDVariant: [Int: StatisticsMatch.Matched] = [:]
        var associations: [VariantPValue] = []
        var missing = 0
        for m in match.matched {
            guard let v = ldIndex[m.entry.id], byLDVariant[v] == nil else {
                missing += 1
                continue
            }
            byLDVariant[v] = m
            associations.append(VariantPValue(variant: v, p: m.entry.p))
        }
        let clumps = try LDClumping.clumps(fileset: ldFileset, samples: ldSamples, associations: associations,
                                           options: options)
        return (clumps.map { byLDVariant[$0.index]! }, clumps, missing)
    }

    /// The score of every threshold on the validation samples (samples × thresholds, column-major), with the
    /// effect-allele frequencies among them (used to impute their missing calls). `index` must be in ascending p.
    public static func scores(
        index: [StatisticsMatch.Matched], thresholds: [Double], fileset: PlinkFileset, samples: SampleSubset
    ) -> AlleleDosageScores.Result {
        var weights = Matrix(rows: index.count, columns: thresholds.count)
        for (j, m) in index.enumerated() {
            for (t, threshold) in thresholds.enumerated() where m.entry.p <= threshold { weights[j, t] = m.entry.beta }
        }
        return AlleleDosageScores.compute(
            fileset: fileset, samples: samples,
            variants: index.map { AlleleDosageScores.ScoredVariant(variant: $0.variant, effectIsA1: $0.effectIsA1) },
            weights: weights)
    }

    /// Evaluates each threshold's score (a column of `scores`) on `validation`; `counts[t]` is its variant count.
    ///
    /// Per threshold: the AUC of the score alone (Mann–Whitney), and two logistic fits by Newton–Raphson — the
    /// covariates alone and covariates + the standardized score — giving R² = R²_N(full) − R²_N(covariates)
    /// (Nagelkerke's, each against the intercept-only model, as PRSice-2), the odds ratio per SD of the score and
    /// its Wald p-value.
    public static func evaluate(
        scores: Matrix, counts: [Int], thresholds: [Double], validation: Validation
    ) throws -> [ThresholdResult] {
        let n = validation.outcome.count
        let k = validation.covariates.columns
        var design = Matrix(rows: n, columns: k + 2, repeating: 1)
        for j in 0..<k { for i in 0..<n { design[i, j + 1] = validation.covariates[i, j] } }
        let baseNames = ["(Intercept)"] + validation.covariateNames
        let covariatesOnly = Matrix(rows: n, columns: k + 1, columnMajor: Array(design.storage[0..<(n * (k + 1))]))
        let nullFit = try LogisticRegression.fit(design: covariatesOnly, outcome: validation.outcome, columnNames: baseNames)
        let nullR2 = k == 0 ? 0 : BinaryMetrics.nagelkerkeR2(deviance: nullFit.deviance, nullDeviance: nullFit.nullDeviance, count: n)
        return thresholds.indices.map { t in
            var result = ThresholdResult(threshold: thresholds[t], variants: counts[t])
            guard counts[t] > 0 else {
                result.note = "no index variant at this threshold"
                return result
            }
            let score = scores.column(t)
            let moments = PopulationMoments(score)
            let mean = moments.mean, sd = moments.sd
            guard sd > 0 else {
                result.note = "the score is the same for every validation sample"
                return result
            }
            for i in 0..<n { design[i, k + 1] = (score[i] - mean) / sd }
            do {
                result.auc = try BinaryMetrics.auc(outcome: validation.outcome, scores: score)
                let fit = try LogisticRegression.fit(design: design, outcome: validation.outcome,
                                                     columnNames: baseNames + ["PRS"])
                result.r2 = BinaryMetrics.nagelkerkeR2(deviance: fit.deviance, nullDeviance: fit.nullDeviance, count: n) - nullR2
                result.oddsRatioPerSD = exp(fit.coefficients[k + 1])
                result.p = fit.pValues?[k + 1]
            } catch {
                result.note = "\(error)"
            }
            return result
        }
    }

    /// The threshold with the largest R² (the smallest threshold among equals), or nil when none has one.
    public static func best(_ results: [ThresholdResult]) -> Int? {
        var best: Int?
        for (t, r) in results.enumerated() {
            guard let r2 = r.r2 else { continue }
            if best == nil || r2 > results[best!].r2! { best = t }
        }
        return best
    }
}
