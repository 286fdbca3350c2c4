import RiskKitStatistics
import RiskKitData

/// A saved, self-describing logistic risk model: schema, coefficients with inference, calibration, the reference
/// distribution of training risks and training provenance.
///
/// Coefficients are on the original feature scale (the internal standardization is undone before saving), so
/// `logit(risk) = Σ estimate_j · x_j` over the encoded columns named in ``coefficients`` (intercept first).
public struct RiskModel: Codable, Sendable {
    /// The `format` value every model file carries.
    public static let formatName = "riskkit-model"
    /// The file-format version this RiskKit writes and reads.
    public static let currentVersion = 1

    /// Always ``formatName``.
    public var format: String
    /// File-format version (``currentVersion``).
    public var version: Int
    /// Free text describing the model (for example that it was trained on synthetic data).
    public var description: String?
    /// The outcome the model predicts.
    public var outcome: OutcomeDefinition
    /// The identifier column used in training data, if any (scoring uses it to label patients).
    public var idColumn: String?
    /// How raw columns become encoded features.
    public var schema: FeatureSchema
    /// Intercept then one entry per encoded column, on the original scale.
    public var coefficients: [CoefficientEstimate]
    /// How the fit was obtained (penalty, λ selection, convergence).
    public var fit: FitSummary
    /// Intercept re-anchoring and cross-validated calibration.
    public var calibration: Calibration
    /// Quantiles of the training population's predicted risks, for percentiles.
    public var referenceRisks: ReferenceDistribution
    /// Cross-validated evaluation of the whole training procedure (`train --folds K`), if it was run.
    public var crossValidation: EvaluationReport?
    /// Where the model came from.
    public var training: TrainingProvenance
    /// The polygenic score the model uses as a feature, for models trained with genotypes (`train --bfile`).
    public var genetics: GeneticComponent?
    /// The intended population on levels and on fields that are no feature (`train --applicable sex=F`), beyond
    /// the numeric features' applicable ranges; `nil` (no `population` key, as in files written before it was
    /// kept): none declared.
    public var population: [PopulationCriterion]?
    /// The recalibrations applied since training, oldest first (`riskkit recalibrate`); `nil`: none.
    public var recalibrations: [RecalibrationRecord]?
    /// `sha256:<hex>` of the canonical encoding of every other field; set when the file is written.
    public var checksum: String?

    enum CodingKeys: String, CodingKey {
        case format, version, description, outcome
        case idColumn = "id_column"
        case schema, coefficients, fit, calibration
        case referenceRisks = "reference_risks"
        case crossValidation = "cross_validation"
        case training, genetics, population, recalibrations, checksum
    }

    /// Creates a model value (``format`` and ``version`` are set to the current ones).
    public init(
        description: String?, outcome: OutcomeDefinition, idColumn: String?, schema: FeatureSchema,
        coefficients: [CoefficientEstimate], fit: FitSummary, calibration: Calibration,
        referenceRisks: ReferenceDistribution, crossValidation: EvaluationReport?, training: TrainingProvenance,
        genetics: GeneticComponent? = nil
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.description = description
        self.outcome = outcome
        self.idColumn = idColumn
        self.schema = schema
        self.coefficients = coefficients
        self.fit = fit
        self.calibration = calibration
        self.referenceRisks = referenceRisks
        self.crossValidation = crossValidation
        self.training = training
        self.genetics = genetics
        self.checksum = nil
    }

    /// The intercept (first coefficient).
    public var intercept: Double { coefficients[0].estimate }

    /// The slope estimates, one per encoded column, in schema order.
    public var slopes: [Double] { coefficients.dropFirst().map(\.estimate) }
}

/// The predicted outcome: its column, which value counts as an event and, when declared at training time, the
/// event's label and the prediction horizon.
public struct OutcomeDefinition: Codable, Sendable, Equatable {
    /// Column name in the training data.
    public var column: String
    /// The value (as text) that marks an event, e.g. `1` or `yes`.
    public var positiveLabel: String
    /// The value that marks a non-event.
    public var negativeLabel: String
    /// What the event is, in words a policy can be matched by ("first ASCVD event"); `nil`: not declared.
    public var label: String?
    /// The prediction horizon in years (10 for a 10-year risk); `nil`: not declared.
    public var horizonYears: Double?

    enum CodingKeys: String, CodingKey {
        case column
        case positiveLabel = "positive_label"
        case negativeLabel = "negative_label"
        case label
        case horizonYears = "horizon_years"
    }

    /// Creates an outcome definition; `label` and `horizonYears` are the outcome contract a policy is checked
    /// against (`nil`: not declared).
    public init(column: String, positiveLabel: String, negativeLabel: String, label: String? = nil,
                horizonYears: Double? = nil) {
        self.column = column
        self.positiveLabel = positiveLabel
        self.negativeLabel = negativeLabel
        self.label = label
        self.horizonYears = horizonYears
    }
}

/// One coefficient with Wald inference (inference fields are `nil` for penalized fits).
public struct CoefficientEstimate: Codable, Sendable, Equatable {
    /// `(Intercept)`, a column name, `column=level` for a one-hot level, or `missing(column)`.
    public var name: String
    /// Estimate on the original scale (log odds per unit).
    public var estimate: Double
    /// Standard error.
    public var stdError: Double?
    /// Wald z statistic.
    public var z: Double?
    /// Two-sided p-value of the Wald test.
    public var pValue: Double?
    /// Lower bound of the 95% Wald confidence interval.
    public var ciLow: Double?
    /// Upper bound of the 95% Wald confidence interval.
    public var ciHigh: Double?
    /// `exp(estimate)`.
    public var oddsRatio: Double?

    enum CodingKeys: String, CodingKey {
        case name, estimate
        case stdError = "std_error"
        case z
        case pValue = "p_value"
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case oddsRatio = "odds_ratio"
    }

    /// Encodes every key, writing `null` for absent inference (the `inspect` JSON contract lists them all).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(estimate, forKey: .estimate)
        try c.encode(stdError, forKey: .stdError)
        try c.encode(z, forKey: .z)
        try c.encode(pValue, forKey: .pValue)
        try c.encode(ciLow, forKey: .ciLow)
        try c.encode(ciHigh, forKey: .ciHigh)
        try c.encode(oddsRatio, forKey: .oddsRatio)
    }

    /// Creates an estimate; pass `nil` inference for penalized fits.
    public init(
        name: String, estimate: Double, stdError: Double? = nil, z: Double? = nil, pValue: Double? = nil,
        ciLow: Double? = nil, ciHigh: Double? = nil, oddsRatio: Double? = nil
    ) {
        self.name = name
        self.estimate = estimate
        self.stdError = stdError
        self.z = z
        self.pValue = pValue
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.oddsRatio = oddsRatio
    }
}
