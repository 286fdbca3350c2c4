import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// Schema learning plus the logistic fit (with λ chosen by cross-validation when asked): the unit that is
/// repeated inside each fold of a cross-validated evaluation.
struct TrainingProcedure {
    let options: TrainingOptions
    let penalty: Penalty

    init(options: TrainingOptions) throws {
        self.options = options
        switch options.penalty {
        case .none: penalty = .none
        case .l2: penalty = .l2
        case .l1: penalty = .l1
        case .elasticnet:
            guard (0...1).contains(options.alpha) else { throw DataError(code: .mixingOutOfRange, "the elastic-net mixing α must lie in [0, 1], got \(options.alpha)") }
            penalty = .elasticNet(alpha: options.alpha)
        }
    }

    /// One fitted procedure: the schema it learned and the fit on the standardized design.
    struct Result {
        let schema: FeatureSchema
        let design: Matrix
        let fit: LogisticFit
        let crossValidated: CrossValidatedPath?

        /// Coefficients on the original scale with Wald inference (unpenalized fits), intercept shifted by
        /// `−interceptShift` (prevalence re-anchoring moves the estimate and its interval, not its SE).
        func originalScaleCoefficients(interceptShift: Double) -> [CoefficientEstimate] {
            let transform = OriginalScale(center: schema.center, scale: schema.scale)
            var beta = transform.coefficients(fit.coefficients)
            beta[0] -= interceptShift
            let names = ["(Intercept)"] + schema.encodedColumnNames
            guard let covariance = fit.covariance else {
                return zip(names, beta).map { CoefficientEstimate(name: $0, estimate: $1) }
            }
            let sigma = transform.covariance(covariance)
            let z975 = 1.959963984540054
            return names.enumerated().map { j, name in
                let se = sigma[j, j].squareRoot()
                let z = beta[j] / se
                return CoefficientEstimate(
                    name: name, estimate: beta[j], stdError: se, z: z, pValue: Normal.twoSidedP(z),
                    ciLow: beta[j] - z975 * se, ciHigh: beta[j] + z975 * se, oddsRatio: exp(beta[j]))
            }
        }

        /// Predicted risks of the training rows (after re-anchoring), for the reference distribution.
        func trainingRisks(interceptShift: Double) -> [Double] {
            design.multiply(fit.coefficients).map { RiskModel.probability(linearPredictor: $0 - interceptShift) }
        }

        func summary(options: TrainingOptions, events: Int) -> FitSummary {
            let penalized = options.penalty != .none
            return FitSummary(
                penalty: options.penalty.rawValue, lambda: penalized ? fit.lambda : nil,
                alpha: penalized ? options.effectiveAlpha : nil,
                lambdaSelection: crossValidated.map {
                    CrossValidatedLambda(
                        folds: options.cvFolds ?? 0, measure: $0.measureName, lambdaMin: $0.lambdaMin,
                        lambda1SE: $0.lambda1SE, chosen: options.lambdaChoice == .min ? "lambda_min" : "lambda_1se")
                },
                iterations: fit.iterations, converged: fit.converged, deviance: fit.deviance,
                nullDeviance: fit.nullDeviance, logLikelihood: fit.logLikelihood, aic: penalized ? nil : fit.aic,
                n: design.rows, events: events)
        }
    }

    /// Learns the schema on `columns` and fits.
    func run(columns: [(name: String, column: RawColumn)], outcome y: [Double], weights: [Double]?) throws -> Result {
        let (schema, design) = try FeatureSchema.learn(
            columns: columns, options: FeatureSchema.Options(missingIndicators: options.missingIndicators))
        let names = ["(Intercept)"] + schema.encodedColumnNames
        if penalty == .none {
            let fit = try LogisticRegression.fit(design: design, outcome: y, weights: weights, columnNames: names)
            return Result(schema: schema, design: design, fit: fit, crossValidated: nil)
        }
        if let k = options.cvFolds {
            let folds = try Folds.stratified(outcome: y, k: k, seed: options.seed &+ 0x9E37)
            let measure: CrossValidationMeasure = options.cvMeasure == .auc
                ? .custom(name: "auc", higherIsBetter: true, evaluate: { y, p in (try? BinaryMetrics.auc(outcome: y, predicted: p)) ?? .nan })
                : .deviance
            let cv = try LogisticRegression.crossValidate(
                design: design, outcome: y, weights: weights, columnNames: names, alpha: penalty, folds: folds,
                measure: measure, selection: options.lambdaChoice == .min ? .minimum : .oneStandardError)
            return Result(schema: schema, design: design, fit: cv.chosen, crossValidated: cv)
        }
        guard let lambda = options.lambda else {
            throw DataError(code: .penaltyWeightMissing, "a penalized fit needs a penalty weight λ or a number of cross-validation folds")
        }
        let fit = try LogisticRegression.fit(
            design: design, outcome: y, weights: weights, columnNames: names,
            options: LogisticRegression.Options(penalty: penalty, lambda: lambda))
        return Result(schema: schema, design: design, fit: fit, crossValidated: nil)
    }

    /// Out-of-fold predicted risks: for each fold, the whole procedure runs on the other folds and predicts this one.
    func crossValidatedPredictions(
        columns: [(name: String, column: RawColumn)], outcome y: [Double], weights: [Double]?, folds: [Int],
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> [Double] {
        var predictions = [Double](repeating: .nan, count: y.count)
        let foldIDs = Array(Set(folds)).sorted()
        for (done, fold) in foldIDs.enumerated() {
            progress?(done, foldIDs.count)
            let train = folds.indices.filter { folds[$0] != fold }
            let test = folds.indices.filter { folds[$0] == fold }
            let result: Result
            do {
                result = try run(
                    columns: columns.map { ($0.name, $0.column.subset(train)) }, outcome: train.map { y[$0] },
                    weights: weights.map { w in train.map { w[$0] } })
            } catch let error as DataError {
                throw DataError(file: error.file, line: error.line, column: error.column,
                                "in cross-validation fold \(fold + 1): \(error.message)")
            }
            let design = result.schema.design(columns: columns.map { $0.column.subset(test) })
            let eta = design.multiply(result.fit.coefficients)
            for (k, i) in test.enumerated() { predictions[i] = RiskModel.probability(linearPredictor: eta[k]) }
        }
        return predictions
    }
}

extension TrainingOptions {
    /// The options as strings, for the model's provenance.
    var provenance: [String: String] {
        var o: [String: String] = ["outcome": outcome, "penalty": penalty.rawValue]
        if let id { o["id"] = id }
        if !exclude.isEmpty { o["exclude"] = exclude.sorted().joined(separator: ",") }
        if !categorical.isEmpty { o["categorical"] = categorical.sorted().joined(separator: ",") }
        if let weights { o["weights"] = weights }
        if let positiveLabel { o["positive"] = positiveLabel }
        if let lambda { o["lambda"] = String(lambda) }
        if let cvFolds {
            o["cv"] = String(cvFolds)
            o["cv_measure"] = cvMeasure.rawValue
            o["lambda_choice"] = lambdaChoice.rawValue
        }
        if penalty == .elasticnet { o["alpha"] = String(alpha) }
        if let evaluationFolds { o["folds"] = String(evaluationFolds) }
        if evaluationFolds != nil || cvFolds != nil { o["seed"] = String(seed) }
        if let prevalence { o["prevalence"] = String(prevalence) }
        if missingIndicators { o["missing_indicators"] = "true" }
        return o
    }
}
