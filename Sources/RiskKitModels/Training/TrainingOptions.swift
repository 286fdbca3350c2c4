import RiskKitData

/// What `riskkit train` was asked to do.
public struct TrainingOptions: Sendable {
    /// The penalty family.
    public enum PenaltyKind: String, Sendable, CaseIterable {
        case none, l2, l1, elasticnet
    }

    /// Which cross-validated λ to keep.
    public enum LambdaChoice: String, Sendable, CaseIterable {
        case min, oneSE = "1se"
    }

    /// The measure that chooses λ in cross-validation.
    public enum CVMeasure: String, Sendable, CaseIterable {
        case deviance, auc
    }

    /// Outcome column.
    public var outcome: String
    /// Identifier column (kept out of the features; must be unique).
    public var id: String?
    /// Columns left out.
    public var exclude: Set<String> = []
    /// Columns forced to categorical.
    public var categorical: Set<String> = []
    /// Sample-weight column (non-negative numbers).
    public var weights: String?
    /// Event label when the outcome is a two-level label that is not self-explanatory.
    public var positiveLabel: String?
    /// Penalty family.
    public var penalty: PenaltyKind = .none
    /// Fixed λ (penalized fits without `--cv`).
    public var lambda: Double?
    /// Folds for choosing λ by cross-validation.
    public var cvFolds: Int?
    /// Elastic-net mixing α (1 = lasso); used by `elasticnet` only.
    public var alpha: Double = 0.5
    /// λ choice after cross-validation.
    public var lambdaChoice: LambdaChoice = .min
    /// Measure for choosing λ.
    public var cvMeasure: CVMeasure = .deviance
    /// Folds for the cross-validated evaluation of the whole procedure.
    public var evaluationFolds: Int?
    /// Seed for fold assignment.
    public var seed: UInt64 = 1
    /// Population prevalence for case-control data (re-anchors the intercept).
    public var prevalence: Double?
    /// Add missingness indicators for features with missing training values.
    public var missingIndicators: Bool = false
    /// Free-text description saved in the model.
    public var description: String?
    /// A polygenic score joined to the rows by ``id`` and fitted as one more feature (`train --bfile`).
    public var genetic: GeneticInput?
    /// Features a patient cannot be assessed without, beyond the default (every feature with no missing training
    /// value, and `age` and `sex`; the polygenic score feature is optional by default).
    public var required: Set<String> = []
    /// Features whose missing values are imputed even though the default would make them required, and population
    /// fields that are no feature whose missing value counts as inside the population (``PopulationCriterion``).
    public var optional: Set<String> = []
    /// The intended population per numeric column (`--applicable age=40..79`): a feature's range is the feature's
    /// (``Feature/applicable``), a column's that is no feature (left out with ``exclude``) a ``PopulationCriterion``;
    /// features not named here apply over their observed training range.
    public var applicable: [String: ValueRange] = [:]
    /// The intended population's values of a column, a feature or not (`--applicable sex=F`, `brca1=0`,
    /// `region=north,south`): a ``PopulationCriterion`` each. A column named here or in ``applicable`` is read
    /// even when ``exclude`` leaves it out of the features.
    public var applicableLevels: [String: [String]] = [:]
    /// What the event is ("first ASCVD event"), saved in the model's outcome for matching policies.
    public var outcomeLabel: String?
    /// Prediction horizon in years, saved in the model's outcome for matching policies.
    public var horizonYears: Double?

    /// Options for training on `outcome`; set the rest as needed.
    public init(outcome: String) { self.outcome = outcome }

    /// The elastic-net α this penalty implies (1 for l1, 0 for l2).
    var effectiveAlpha: Double {
        switch penalty {
        case .none: 0
        case .l2: 0
        case .l1: 1
        case .elasticnet: alpha
        }
    }
}
