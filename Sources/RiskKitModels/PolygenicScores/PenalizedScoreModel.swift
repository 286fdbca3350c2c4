import RiskKitData
import RiskKitLinearAlgebra

/// One fit of a penalized polygenic score at a single λ, on the original scales: the linear predictor of a sample is
/// `intercept + Σₖ covariateCoefficients[k]·zₖ + Σⱼ weights[j]·xⱼ`, `xⱼ` the A1 dosage (0/1/2; `.bim` column 5) of
/// `variants[j]`, a missing call replaced by `2·alleleFrequencies[j]`.
public struct PenalizedScoreModel: Sendable, Equatable {
    /// The penalty weight λ.
    public let lambda: Double
    /// Intercept on the dosage/covariate scale.
    public let intercept: Double
    /// Coefficients of the covariate columns, on their original scale.
    public let covariateCoefficients: [Double]
    /// Fileset indices of the variants with a nonzero weight, in the order of the `variants` argument.
    public let variants: [Int]
    /// Weight per A1 dosage of each of `variants`.
    public let weights: [Double]
    /// A1 frequency (mean called dosage / 2) of each of `variants` over the fitting samples: the imputation value.
    public let alleleFrequencies: [Double]
    /// Deviance of the fit on the fitting samples.
    public let deviance: Double

    /// Number of variants with a nonzero weight.
    public var nonzeroCount: Int { variants.count }

    /// The linear predictor (log-odds) of `samples` of `fileset` (which must hold `variants`); `covariates` has one
    /// row per sample in `samples` order (nil when the model has no covariates).
    ///
    /// The genetic part is ``AlleleDosageScores`` (blocks of ≈256 decoded variants, missing calls imputed from
    /// ``alleleFrequencies``): O(|samples| · nonzeroCount) time, O(|samples| · 256) memory.
    /// - Throws: ``PenalizedScoreError/invalidInput(_:)`` when the covariate shape does not match.
    public func linearPredictor(fileset: PlinkFileset, samples: SampleSubset, covariates: Matrix?) throws -> [Double] {
        guard (covariates?.columns ?? 0) == covariateCoefficients.count else {
            throw PenalizedScoreError.invalidInput("the model has \(covariateCoefficients.count) covariates, given \(covariates?.columns ?? 0)")
        }
        guard covariates.map({ $0.rows == samples.count }) ?? true else {
            throw PenalizedScoreError.invalidInput("covariates have \(covariates!.rows) rows for \(samples.count) samples")
        }
        guard variants.allSatisfy({ $0 >= 0 && $0 < fileset.variantCount }), samples.sampleCount == fileset.sampleCount else {
            throw PenalizedScoreError.invalidInput("the model's variants or the samples do not belong to this fileset")
        }
        var eta = [Double](repeating: intercept, count: samples.count)
        if let covariates { covariates.multiply(covariateCoefficients, alpha: 1, beta: 1, into: &eta) }
        let genetic = AlleleDosageScores.compute(
            fileset: fileset, samples: samples,
            variants: variants.map { AlleleDosageScores.ScoredVariant(variant: $0, effectIsA1: true) },
            weights: Matrix(rows: weights.count, columns: 1, columnMajor: weights), frequencies: alleleFrequencies)
        Vector.axpy(1, genetic.scores.storage, &eta)
        return eta
    }
}
