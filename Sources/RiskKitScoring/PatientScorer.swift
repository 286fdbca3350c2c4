import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// The one patient path: owns the model, the optional genotype scores and the optional policy, and turns a
/// patient's parsed row into their report.
///
/// A row's cells are parsed once (``PatientInput``, or straight from a file by ``forEachReport(in:_:)``); the
/// polygenic score, for a model that has one, is joined from ``genotypeScores`` by the patient's id and stays a
/// number; the model's ``FeatureSchema`` encodes the row (the one encoder); the model gives the risk, percentile
/// and contributions; the policy, its field clauses resolved to positions once, gives its verdict.
public struct PatientScorer: Sendable {
    /// The saved model.
    public let model: RiskModel
    /// The patients' polygenic scores, for a model with genetics (nil: every patient's score is imputed).
    public let genotypeScores: GenotypeScores?
    /// The recommendation policy applied to each risk, if any.
    public let policy: RecommendationPolicy?
    /// How many contributions a report keeps and shows (largest first).
    public let topContributions: Int
    /// Schema position of the polygenic score feature, for a model with genetics.
    let geneticFeature: Int?
    /// For each policy rule, the schema position of its `factor` (nil without one, or when it is no feature).
    let ruleFactors: [Int?]

    /// Creates a scorer.
    public init(model: RiskModel, genotypeScores: GenotypeScores? = nil, policy: RecommendationPolicy? = nil,
                topContributions: Int = 5) {
        self.model = model
        self.genotypeScores = genotypeScores
        self.policy = policy
        self.topContributions = topContributions
        let features = model.schema.features
        geneticFeature = model.genetics.flatMap { g in features.firstIndex { $0.name == g.feature } }
        ruleFactors = (policy?.rules ?? []).map { rule in
            rule.factor.flatMap { factor in features.firstIndex { $0.name == factor } }
        }
    }

    /// The input with the polygenic score of its patient joined from ``genotypeScores`` (missing, hence imputed,
    /// when the patient has no genotypes); the input as it is without genotype scores.
    public func joiningGenotypes(_ input: PatientInput) -> PatientInput {
        var copy = input
        joinGenotypes(id: input.id, cells: &copy.cells)
        return copy
    }

    /// Sets the polygenic score cell of `cells` from ``genotypeScores`` (a number, or missing without genotypes).
    private func joinGenotypes(id: String?, cells: inout [FieldValue]) {
        guard let genotypeScores, let j = geneticFeature else { return }
        cells[j] = genotypeScores.score(for: id).map(FieldValue.number) ?? .missing
    }

    /// Scores one patient (genotypes joined); the score keeps every contribution, largest first.
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        try model.score(joiningGenotypes(input))
    }

    /// The patient's score and the raw-scale encoded row it came from (genotypes joined).
    package func scoreAndEncoding(_ input: PatientInput) throws -> (score: PatientScore, encoded: [Double]) {
        let joined = joiningGenotypes(input)
        let result = try model.score(id: joined.id, line: joined.line, cells: joined.cells, top: topContributions)
        return (result.score, result.encoded)
    }

    /// The full report for one patient: score (with the ``topContributions`` largest contributions), then the
    /// policy's verdict on the risk and the patient's fields.
    /// - Throws: ``DataError`` as ``score(_:)``.
    public func report(_ input: PatientInput) throws -> PatientReport {
        try report(id: input.id, line: input.line, cells: input.cells,
                   fieldValues: policy?.fields.map { input.values[$0.name] } ?? [])
    }

    /// Calls `body` with the report of each patient of `file`, in file order. Only the columns the model and the
    /// policy use are read, each parsed once.
    /// - Throws: ``DataError`` (with the line) as ``score(_:)``, and the file's reading errors.
    public func forEachReport(in file: PatientFile, _ body: (PatientReport) throws -> Void) throws {
        let columns = file.columns(named: policy?.fields.map(\.name) ?? [])
        try file.forEachRow(values: columns) { id, line, cells, values in
            try body(try report(id: id, line: line, cells: cells, fieldValues: values))
        }
    }

    /// The report from a patient's feature cells and the values of the policy's fields (by position).
    private func report(id: String?, line: Int?, cells: [FieldValue], fieldValues: [FieldValue?]) throws -> PatientReport {
        var cells = cells
        joinGenotypes(id: id, cells: &cells)
        let (score, _, contributions) = try model.score(id: id, line: line, cells: cells, top: topContributions)
        let outcome = policy?.recommend(risk: score.risk, fieldValues: fieldValues) { rule in
            ruleFactors[rule].map { contributions[$0] }
        }
        return PatientReport(score: score, policy: outcome, topContributions: topContributions)
    }
}
