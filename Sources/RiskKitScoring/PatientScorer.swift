import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// The one patient path: owns the model, the optional genotype scores and the optional policy, and turns a
/// patient's parsed row into their report.
///
/// A row's cells are parsed once (``PatientInput``); the polygenic score, for a model that has one, is joined from
/// ``genotypeScores`` by the patient's id and stays a number; the model's ``FeatureSchema`` encodes the row (the
/// one encoder); the model gives the risk, percentile and contributions; the policy its verdict.
public struct PatientScorer: Sendable {
    /// The saved model.
    public let model: RiskModel
    /// The patients' polygenic scores, for a model with genetics (nil: every patient's score is imputed).
    public let genotypeScores: GenotypeScores?
    /// The recommendation policy applied to each risk, if any.
    public let policy: RecommendationPolicy?
    /// How many contributions a report shows (largest first).
    public let topContributions: Int

    /// Creates a scorer.
    public init(model: RiskModel, genotypeScores: GenotypeScores? = nil, policy: RecommendationPolicy? = nil,
                topContributions: Int = 5) {
        self.model = model
        self.genotypeScores = genotypeScores
        self.policy = policy
        self.topContributions = topContributions
    }

    /// The input with the polygenic score of its patient joined from ``genotypeScores`` (missing, hence imputed,
    /// when the patient has no genotypes); the input as it is without genotype scores.
    public func joiningGenotypes(_ input: PatientInput) -> PatientInput {
        guard let genotypeScores else { return input }
        return input.settingGeneticScore(genotypeScores.score(for: input.id), model: model)
    }

    /// Scores one patient (genotypes joined).
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        try model.score(joiningGenotypes(input))
    }

    /// The patient's score and the raw-scale encoded row it came from (genotypes joined).
    package func scoreAndEncoding(_ input: PatientInput) throws -> (score: PatientScore, encoded: [Double]) {
        try model.scoreAndEncoding(joiningGenotypes(input))
    }

    /// The full report for one patient: score, then the policy's verdict on the risk and the patient's fields.
    /// - Throws: ``DataError`` as ``score(_:)``.
    public func report(_ input: PatientInput) throws -> PatientReport {
        let score = try score(input)
        let byFeature = Dictionary(score.contributions.map { ($0.feature, $0.value) }, uniquingKeysWith: { a, _ in a })
        let outcome = policy?.recommend(risk: score.risk, values: input.values, contributions: byFeature)
        return PatientReport(score: score, policy: outcome, topContributions: topContributions)
    }
}
