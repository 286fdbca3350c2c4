import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// The samples one penalized path is fitted on (all given samples, or the training part of a fold), with their
/// outcome, standardized covariates and genotype column statistics.
struct PenalizedFittingSet {
    let fileset: PlinkFileset
    /// The fitting samples as a subset of the fileset.
    let samples: SampleSubset
    /// Positions of the fitting samples among the given samples.
    let rows: [Int]
    /// Fileset indices of the candidate variants.
    let variants: [Int]
    let statistics: GenotypeColumnStatistics
    let outcome: [Double]
    let covariateCount: Int
    let standardization: CovariateStandardization?
    let standardizedCovariates: [Double]
    /// Deviance of the intercept-only model on these samples.
    let nullDeviance: Double

    /// The fitting set of `rows` (positions among `given`); `statistics` nil: computed over those samples.
    init(fileset: PlinkFileset, samples given: SampleSubset, rows: [Int], variants: [Int],
         statistics: GenotypeColumnStatistics?, outcome: [Double], covariates: Matrix?, fold: Int?) throws {
        self.fileset = fileset
        samples = rows.count == given.count ? given : SampleSubset(indices: rows.map { given.indices[$0] }, of: given.sampleCount)
        self.rows = rows
        self.variants = variants
        self.statistics = statistics ?? GenotypeColumnStatistics(fileset: fileset, variants: variants, samples: samples)
        self.outcome = rows.map { outcome[$0] }
        covariateCount = covariates?.columns ?? 0
        if let covariates, covariates.columns > 0 {
            let standardization = try CovariateStandardization(covariates: covariates, rows: rows, fold: fold)
            self.standardization = standardization
            standardizedCovariates = standardization.standardized(covariates, rows: rows)
        } else {
            standardization = nil
            standardizedCovariates = []
        }
        guard self.outcome.contains(0) && self.outcome.contains(1) else {
            throw PenalizedScoreError.invalidInput("the training part of fold \((fold ?? 0) + 1) has only one outcome class; use fewer folds")
        }
        let mean = self.outcome.reduce(0, +) / Double(rows.count)
        let logit = log(mean / (1 - mean))
        nullDeviance = StreamedElasticNet.deviance(eta: [Double](repeating: logit, count: rows.count), outcome: self.outcome)
    }

    /// A solver on this set, at the covariates-only fit.
    private func solver(_ options: PenalizedScore.Options) throws -> StreamedElasticNet {
        try StreamedElasticNet(
            fileset: fileset, samples: samples, variants: variants, statistics: statistics, outcome: outcome,
            covariates: standardizedCovariates, covariateCount: covariateCount,
            penalizeCovariates: options.penalizeCovariates, alpha: options.alpha,
            tolerance: options.tolerance * nullDeviance / Double(rows.count), maxIterations: options.maxIterations,
            threads: options.threads)
    }

    /// The default λ sequence: ``PenalizedScore/Options/lambdaCount`` values log-spaced from this set's λ_max down
    /// to λ_max · ratio (ratio 1e-4 when there are more samples than variables, else 1e-2, unless given).
    func defaultLambdas(_ options: PenalizedScore.Options) throws -> [Double] {
        let lambdaMax = try solver(options).lambdaMax
        let ratio = options.lambdaMinRatio ?? (rows.count > variants.count + covariateCount ? 1e-4 : 1e-2)
        let count = options.lambdaCount
        return (0..<count).map { count == 1 ? lambdaMax : lambdaMax * pow(ratio, Double($0) / Double(count - 1)) }
    }

    /// Fits the path along `lambdas`, calling `visit` with the λ index, λ and solver after each λ; `visit` returns
    /// false to end the path there (reported as `.crossValidation`). `earlyStops` enables the deviance-ratio stops;
    /// ``PenalizedScore/Options/maxActive`` always applies. Returns the λ values fitted and why the path ended.
    func path(lambdas sequence: [Double], options: PenalizedScore.Options, earlyStops: Bool, label: String,
              progress: ((String) -> Void)?,
              visit: (Int, Double, StreamedElasticNet) throws -> Bool) throws -> (lambdas: [Double], stop: PenalizedPathStop) {
        var solver = try solver(options)
        var previous = Swift.max(solver.lambdaMax, sequence[0])
        var previousRatio = 0.0
        for (k, lambda) in sequence.enumerated() {
            let passes = try solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            let proceed = try visit(k, lambda, solver)
            let nonzero = solver.nonzeroVariants.count
            let ratio = 1 - solver.deviance / nullDeviance
            progress?(String(format: "%@: lambda %d/%d = %.4g, %d nonzero variants, deviance ratio %.4f, %d gradient pass%@",
                             label, k + 1, sequence.count, lambda, nonzero, ratio, passes, passes == 1 ? "" : "es"))
            if nonzero > options.maxActive { return (Array(sequence[...k]), .maxActive) }
            if !proceed { return (Array(sequence[...k]), .crossValidation) }
            if earlyStops && k + 1 >= 5 {
                if ratio > options.maxDevianceRatio { return (Array(sequence[...k]), .devianceRatio) }
                if ratio - previousRatio < options.minDevianceRatioChange * ratio {
                    return (Array(sequence[...k]), .devianceChange)
                }
            }
            previousRatio = ratio
        }
        return (sequence, .completed)
    }

    /// The solver's current fit on the dosage and covariate scales: `wⱼ = βⱼ/scaleⱼ`, covariate `γₖ/sdₖ`, intercept
    /// `β₀ − Σⱼ wⱼ·meanⱼ − Σₖ (γₖ/sdₖ)·meanₖ`.
    func model(_ solver: StreamedElasticNet, lambda: Double) -> PenalizedScoreModel {
        let nonzero = solver.nonzeroVariants.sorted { $0.variant < $1.variant }
        var intercept = solver.intercept
        var weights: [Double] = [], frequencies: [Double] = []
        for (j, beta) in nonzero {
            let w = beta / statistics.scale[j]
            weights.append(w)
            frequencies.append(statistics.mean[j] / 2)
            intercept -= w * statistics.mean[j]
        }
        var covariates = solver.covariateCoefficients
        if let standardization {
            for k in covariates.indices {
                covariates[k] /= standardization.scale[k]
                intercept -= covariates[k] * standardization.mean[k]
            }
        }
        return PenalizedScoreModel(
            lambda: lambda, intercept: intercept, covariateCoefficients: covariates,
            variants: nonzero.map { variants[$0.variant] }, weights: weights, alleleFrequencies: frequencies,
            deviance: solver.deviance)
    }
}
