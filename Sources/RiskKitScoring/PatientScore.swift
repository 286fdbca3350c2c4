import Foundation
import RiskKitModels
import RiskKitStatistics
import RiskKitData

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
    /// The genetic and non-genetic parts of the risk, for models with a polygenic score.
    public var genetics: GeneticRisk?
}

/// A patient's risk split into its genetic and non-genetic parts.
///
/// The non-genetic risk is the model's risk with the polygenic score at the training mean (an average genetic
/// background); the genetic part is the score's log-odds term relative to that mean, β·(score − mean), and its
/// odds ratio. Together: logit(risk) = logit(risk without genetics) + genetic log odds.
public struct GeneticRisk: Sendable, Equatable, Codable {
    /// Raw polygenic score (nil when the patient has no genotypes: the score was imputed at the mean).
    public var score: Double?
    /// Percentile of the score among the model's training samples.
    public var percentile: Double?
    /// (score − training mean) / training SD.
    public var z: Double?
    /// β·(score − training mean): the genetic log odds relative to an average genetic background.
    public var logOdds: Double
    /// e^logOdds.
    public var oddsRatio: Double
    /// Risk with the score at the training mean.
    public var riskWithoutGenetics: Double

    enum CodingKeys: String, CodingKey {
        case score, percentile, z
        case logOdds = "log_odds"
        case oddsRatio = "odds_ratio"
        case riskWithoutGenetics = "risk_without_genetics"
    }
}

extension RiskModel {
    /// Scores one patient.
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        try score(id: input.id, line: input.line, cells: input.cells, top: nil).score
    }

    /// Scores one patient from its feature cells (schema order). The score keeps all contributions, or with
    /// `top` only the largest `top` (``largest(_:count:)``); also returned: the raw-scale encoded row and each
    /// feature's contribution in schema order.
    /// - Throws: ``DataError`` as ``score(_:)``.
    package func score(id: String?, line: Int?, cells: [FieldValue], top: Int?) throws
        -> (score: PatientScore, encoded: [Double], contributions: [Double]) {
        let encoded: [Double]
        do {
            encoded = try schema.encodeRow(values: cells)
        } catch var error as DataError {
            error.line = error.line ?? line
            throw error
        }
        let eta = linearPredictor(encoded: encoded)
        let risk = Self.probability(linearPredictor: eta)
        let features = schema.features
        var imputed: [String] = []
        for (feature, cell) in zip(features, cells) where cell == .missing { imputed.append(feature.name) }
        let values = featureContributions(encoded: encoded)
        let shown = Self.largest(values, count: top ?? values.count).map {
            Contribution(feature: features[$0].name, value: values[$0])
        }
        let score = PatientScore(
            id: id, risk: risk, percentile: referenceRisks.percentile(of: risk), linearPredictor: eta,
            contributions: shown, imputed: imputed,
            genetics: geneticRisk(encoded: encoded, linearPredictor: eta, imputed: imputed))
        return (score, encoded, values)
    }

    /// The indices of the `count` values largest in absolute size, largest first, equal sizes in index order:
    /// the first `count` of a stable sort by decreasing |value|.
    ///
    /// Algorithm: partial selection, one pass keeping the best `count` in order by insertion, O(n·count); with a
    /// NaN among the values (which no order ranks) the stable sort itself.
    package static func largest(_ values: [Double], count: Int) -> [Int] {
        let k = Swift.min(count, values.count)
        if k == 0 { return [] }
        if values.contains(where: \.isNaN) {
            return Array(values.indices.sorted { abs(values[$0]) > abs(values[$1]) }.prefix(k))
        }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for (i, v) in values.enumerated() {
            let a = abs(v)
            if best.count == k && !(a > abs(values[best[k - 1]])) { continue }
            // After every kept index with a size ≥ a: an earlier index wins a tie.
            var position = best.count
            while position > 0 && abs(values[best[position - 1]]) < a { position -= 1 }
            best.insert(i, at: position)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// The genetic part of a patient's risk (nil for a model without genetics).
    func geneticRisk(encoded: [Double], linearPredictor eta: Double, imputed: [String]) -> GeneticRisk? {
        guard let genetics, let j = schema.encodedColumnNames.firstIndex(of: genetics.feature) else { return nil }
        let value = encoded[j]
        let known = !imputed.contains(genetics.feature)
        let logOdds = coefficients[j + 1].estimate * (value - genetics.trainingMean)
        return GeneticRisk(
            score: known ? value : nil, percentile: known ? genetics.score.reference.percentile(of: value) : nil,
            z: known ? (value - genetics.trainingMean) / genetics.trainingSD : nil, logOdds: logOdds,
            oddsRatio: exp(logOdds), riskWithoutGenetics: Self.probability(linearPredictor: eta - logOdds))
    }
}
