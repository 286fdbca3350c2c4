
/// Why the λ path ended where it did.
public enum PenalizedPathStop: String, Sendable, Equatable {
    /// Every λ of the sequence was fitted.
    case completed
    /// More than ``PenalizedScore/Options/maxActive`` variants were nonzero.
    case maxActive
    /// The deviance ratio exceeded ``PenalizedScore/Options/maxDevianceRatio``.
    case devianceRatio
    /// The deviance ratio stopped growing (``PenalizedScore/Options/minDevianceRatioChange``).
    case devianceChange
    /// Every fold's held-out deviance had stopped improving (``PenalizedScore/Options/cvPatience``), so smaller λ
    /// were not fitted.
    case crossValidation
}

/// The result of ``PenalizedScore/fit(fileset:samples:variants:outcome:covariates:options:progress:)``.
public struct PenalizedScoreFit: Sendable {
    /// λ values fitted on the full data, decreasing.
    public let lambdas: [Double]
    /// The full-data fit at each λ (warm-started path on all given samples).
    public let path: [PenalizedScoreModel]
    /// Deviance of the intercept-only model on all given samples (the base of the deviance ratio).
    public let nullDeviance: Double
    /// Why the path ended.
    public let stop: PenalizedPathStop
    /// Cross-validation summary (nil when ``PenalizedScore/Options/folds`` is 0).
    public let crossValidation: PenalizedScoreCrossValidation?
    /// Variants fitted (the given ones less the excluded).
    public let usedVariantCount: Int
    /// Fileset indices of given variants excluded because all their calls among the samples are equal.
    public let excludedMonomorphic: [Int]
    /// Fileset indices of given variants excluded because no sample has a call.
    public let excludedWithoutCalls: [Int]

    /// Index of the chosen λ: minimum mean CV deviance, or the last λ without cross-validation.
    public var chosenIndex: Int { crossValidation?.minimumIndex ?? lambdas.count - 1 }
    /// The full-data model at the chosen λ.
    public var chosen: PenalizedScoreModel { path[chosenIndex] }
    /// The full-data model at the one-standard-error λ (the chosen one without cross-validation).
    public var chosenOneStandardError: PenalizedScoreModel { path[crossValidation?.oneStandardErrorIndex ?? chosenIndex] }
    /// Fraction of the null deviance explained at each λ (glmnet's `dev.ratio`).
    public var devianceRatios: [Double] { path.map { 1 - $0.deviance / nullDeviance } }
}
