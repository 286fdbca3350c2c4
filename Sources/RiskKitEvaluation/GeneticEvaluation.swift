import Foundation
import RiskKitModels
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// What a polygenic score adds to a risk model, measured on evaluation data.
///
/// JSON keys (stable): `n`, `events`, `auc_with_prs`, `auc_without_prs`, `auc_gain`, `auc_gain_se`, `auc_gain_z`,
/// `auc_gain_p`, `prs_or_per_sd` and `top_decile_or` (each `{estimate, ci_low, ci_high}`), `top_decile_threshold`.
public struct GeneticEvaluation: Codable, Sendable, Equatable {
    /// Rows evaluated (those with genotypes).
    public var n: Int
    /// Events among them.
    public var events: Int
    /// AUC of the model with the score.
    public var aucWithPRS: Double
    /// AUC of the same model refitted without the score.
    public var aucWithoutPRS: Double
    /// aucWithPRS − aucWithoutPRS.
    public var aucGain: Double
    /// DeLong standard error of the paired difference.
    public var aucGainSE: Double
    /// aucGain / aucGainSE.
    public var aucGainZ: Double
    /// Two-sided p-value of DeLong's paired test (`pROC::roc.test(method = "delong", paired = TRUE)`).
    public var aucGainP: Double
    /// Odds ratio per SD of the score, adjusted for the model's non-genetic linear predictor.
    public var prsOddsRatioPerSD: GeneticComponent.OddsRatio
    /// Odds ratio of the top decile of the score against the other 90%, with Woolf's 95% CI; nil when a cell of
    /// the 2 × 2 table is empty.
    public var topDecileOddsRatio: GeneticComponent.OddsRatio?
    /// Score at or above which a row is in the top decile (the 90th percentile, type 7).
    public var topDecileThreshold: Double

    enum CodingKeys: String, CodingKey {
        case n, events
        case aucWithPRS = "auc_with_prs"
        case aucWithoutPRS = "auc_without_prs"
        case aucGain = "auc_gain"
        case aucGainSE = "auc_gain_se"
        case aucGainZ = "auc_gain_z"
        case aucGainP = "auc_gain_p"
        case prsOddsRatioPerSD = "prs_or_per_sd"
        case topDecileOddsRatio = "top_decile_or"
        case topDecileThreshold = "top_decile_threshold"
    }

    /// Evaluates on rows with outcome `y` (0/1), the model's risks with and without the score, the non-genetic
    /// model's linear predictor, and the raw score.
    ///
    /// - AUC gain: DeLong's paired test of the two AUCs.
    /// - OR per SD: logistic regression y ~ 1 + η_without + z by Newton–Raphson, z the score standardized over these
    ///   rows (divisor n); Wald 95% CI.
    /// - Top decile: rows with score ≥ the 90th percentile (type-7 quantile) against the rest, OR = ad/bc from the
    ///   2 × 2 table with Woolf's CI exp(log OR ± 1.96·√(1/a + 1/b + 1/c + 1/d)); nil when a cell is empty.
    /// - Throws: ``DataError`` when fewer than two events or non-events remain or the score is constant.
    public init(outcome y: [Double], riskWith: [Double], riskWithout: [Double], linearPredictorWithout: [Double],
                scores: [Double]) throws {
        let difference = try BinaryMetrics.deLongDifference(outcome: y, predictedA: riskWith, predictedB: riskWithout)
        n = y.count
        events = Int(y.reduce(0, +))
        aucWithPRS = try BinaryMetrics.auc(outcome: y, predicted: riskWith)
        aucWithoutPRS = try BinaryMetrics.auc(outcome: y, predicted: riskWithout)
        aucGain = difference.difference
        aucGainSE = difference.se
        aucGainZ = difference.z
        aucGainP = difference.pValue

        let moments = PopulationMoments(scores)
        let mean = moments.mean, sd = moments.sd
        guard sd > 0 else { throw DataError("the polygenic score is the same for every evaluated row") }
        var design = Matrix(rows: n, columns: 3, repeating: 1)
        for i in 0..<n {
            design[i, 1] = linearPredictorWithout[i]
            design[i, 2] = (scores[i] - mean) / sd
        }
        let fit = try LogisticRegression.fit(design: design, outcome: y, columnNames: ["(Intercept)", "eta_without", "prs_z"])
        let interval = fit.confidenceIntervals?[2]
        prsOddsRatioPerSD = .init(estimate: exp(fit.coefficients[2]), ciLow: interval.map { exp($0.lower) },
                                  ciHigh: interval.map { exp($0.upper) })

        let sorted = scores.sorted()
        let h = 0.9 * Double(n - 1)
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, n - 1)
        topDecileThreshold = sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        var table = [0.0, 0, 0, 0]  // top & event, top & no event, rest & event, rest & no event
        for (value, outcome) in zip(scores, y) {
            table[(value >= topDecileThreshold ? 0 : 2) + (outcome == 1 ? 0 : 1)] += 1
        }
        let (a, b, c, d) = (table[0], table[1], table[2], table[3])
        if min(a, b, c, d) > 0 {
            let logOR = log(a * d / (b * c))
            let se = (1 / a + 1 / b + 1 / c + 1 / d).squareRoot()
            let z975 = 1.959963984540054
            topDecileOddsRatio = .init(estimate: a * d / (b * c), ciLow: exp(logOR - z975 * se),
                                       ciHigh: exp(logOR + z975 * se))
        } else {
            topDecileOddsRatio = nil
        }
    }
}
