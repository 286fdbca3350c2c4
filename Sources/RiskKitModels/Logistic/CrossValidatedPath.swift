
/// What cross-validation scores on the held-out rows.
public enum CrossValidationMeasure: Sendable {
    /// Weighted mean binomial deviance `−2·[y log p + (1−y) log(1−p)]` per held-out row (lower is better).
    case deviance
    /// Any measure of held-out outcomes and predicted probabilities, e.g. AUC.
    case custom(name: String, higherIsBetter: Bool, evaluate: @Sendable (_ outcome: [Double], _ probability: [Double]) -> Double)

    /// Whether larger values of the measure are better.
    public var higherIsBetter: Bool {
        if case .custom(_, let higher, _) = self { return higher }
        return false
    }

    /// The measure's name.
    public var name: String {
        if case .custom(let name, _, _) = self { return name }
        return "deviance"
    }
}

/// Which λ cross-validation picks for the returned fit.
public enum LambdaSelection: Sendable, Equatable {
    /// The λ with the best mean measure (largest such λ on ties).
    case minimum
    /// The largest λ whose mean measure is within one standard error of the best (`cv.glmnet`'s `lambda.1se`).
    case oneStandardError
}

/// The result of K-fold cross-validation along a λ path, as `cv.glmnet` reports it.
public struct CrossValidatedPath: Sendable {
    /// The measure's name.
    public let measureName: String
    /// λ values (the full-data sequence, decreasing).
    public let lambdas: [Double]
    /// Mean of the per-fold measure at each λ, folds weighted by their total row weight.
    public let meanMeasure: [Double]
    /// Standard error of `meanMeasure`: `√(weighted variance across folds / (K − 1))`.
    public let standardError: [Double]
    /// Per-fold measure, `foldMeasures[k][l]` for fold k (in sorted fold-id order) and λ index l.
    public let foldMeasures: [[Double]]
    /// The λ with the best mean measure.
    public let lambdaMin: Double
    /// The largest λ within one standard error of the best.
    public let lambda1SE: Double
    /// The full-data path.
    public let path: LogisticPath
    /// The full-data fit at the selected λ.
    public let chosen: LogisticFit
}
