/// A patient's absolute risk with its context: percentile in the training population and the factors driving it.
public struct PatientScore: Sendable, Equatable {
    /// The patient's identifier (`nil` for a single patient given without one).
    public var id: String?
    /// Predicted probability of the outcome.
    public var risk: Double
    /// Percentile (0–100) of `risk` among the model's training population.
    public var percentile: Double
    /// Log odds.
    public var linearPredictor: Double
    /// Per-feature contributions to the log odds relative to an average training patient, largest first.
    public var contributions: [Contribution]
    /// Features that were missing and imputed for this patient.
    public var imputed: [String]
}

extension RiskModel {
    /// Scores one patient.
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        let encoded: [Double]
        do {
            encoded = try schema.encodeRow(input.cells)
        } catch var error as DataError {
            error.line = error.line ?? input.line
            throw error
        }
        let eta = linearPredictor(encoded: encoded)
        let risk = Self.probability(linearPredictor: eta)
        let imputed = zip(schema.features, input.cells).compactMap { feature, cell -> String? in
            guard let cell else { return feature.name }
            let t = cell.trimmingWhitespace()
            return t.isEmpty || t == "NA" ? feature.name : nil
        }
        return PatientScore(
            id: input.id, risk: risk, percentile: referenceRisks.percentile(of: risk), linearPredictor: eta,
            contributions: contributions(encoded: encoded), imputed: imputed)
    }
}
