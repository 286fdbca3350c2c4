import Foundation
import RiskKitData

/// How well predicted probabilities of a binary outcome discriminate and calibrate, as one JSON-ready value.
///
/// JSON keys (stable; scripts rely on them): `n`, `events`, `auc`, `auc_se`, `auc_ci` (`[low, high]`), `brier`,
/// `log_loss`, `calibration_intercept`, `calibration_slope`, `calibration_in_the_large`, `hosmer_lemeshow`
/// (`{statistic, df, p_value}`, or `null` when ties leave fewer than three risk groups), `nagelkerke_r2`,
/// `calibration_table` (one object per risk group: `group`, `n`, `events`, `mean_predicted`, `observed_rate`,
/// `min_predicted`, `max_predicted`).
///
/// Computing a report sorts the predictions once per outcome class (O(n log n)); every other measure is one or a
/// few O(n) passes, so a million predictions take a fraction of a second.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// Number of rows evaluated.
    public var n: Int
    /// Number of rows with outcome 1.
    public var events: Int
    /// Mann–Whitney AUC (ties count ½); equals `pROC::auc(roc(y, p, direction = "<"))`.
    public var auc: Double
    /// DeLong standard error of the AUC; equals `sqrt(pROC::var(roc, method = "delong"))`.
    public var aucStandardError: Double
    /// 95% DeLong interval `auc ± 1.959964·se`, clipped to [0, 1]; equals `pROC::ci.auc(roc, method = "delong")`.
    public var aucConfidenceInterval: ConfidenceInterval
    /// Brier score, mean((p − y)²).
    public var brierScore: Double
    /// Log loss, −mean(y·log p + (1 − y)·log(1 − p)).
    public var logLoss: Double
    /// Intercept a of the logistic recalibration `y ~ a + b·logit(p)` (`rms::val.prob`'s `Intercept`).
    public var calibrationIntercept: Double
    /// Slope b of the logistic recalibration `y ~ a + b·logit(p)` (`rms::val.prob`'s `Slope`).
    public var calibrationSlope: Double
    /// Intercept of `y ~ 1 + offset(logit(p))`: the log-odds correction that makes mean risk match the event rate.
    public var calibrationInTheLarge: Double
    /// Hosmer–Lemeshow test over risk deciles; nil when ties leave fewer than three groups.
    public var hosmerLemeshow: HosmerLemeshowTest?
    /// Nagelkerke R² of the predictions as given (`rms::val.prob`'s `R2`).
    ///
    /// With L₀ = −2·[k·log(k/n) + (n − k)·log(1 − k/n)] the intercept-only deviance (k events) and
    /// L₁ = −2·Σ[y·log p + (1 − y)·log(1 − p)] the deviance of the predictions, R² = (1 − e^{−(L₀ − L₁)/n}) /
    /// (1 − e^{−L₀/n}). It is negative when the predictions fit worse than the overall event rate.
    public var nagelkerkeR2: Double
    /// Observed against predicted risk in the same groups as the Hosmer–Lemeshow test.
    public var calibrationTable: [CalibrationGroup]

    enum CodingKeys: String, CodingKey {
        case n
        case events
        case auc
        case aucStandardError = "auc_se"
        case aucConfidenceInterval = "auc_ci"
        case brierScore = "brier"
        case logLoss = "log_loss"
        case calibrationIntercept = "calibration_intercept"
        case calibrationSlope = "calibration_slope"
        case calibrationInTheLarge = "calibration_in_the_large"
        case hosmerLemeshow = "hosmer_lemeshow"
        case nagelkerkeR2 = "nagelkerke_r2"
        case calibrationTable = "calibration_table"
    }

    /// Evaluates `predicted` probabilities against 0/1 `outcome`s, grouping risk into `riskGroups` quantile groups.
    ///
    /// Throws `DataError` when the lists are empty or differ in length, an outcome is not 0 or 1, a probability is
    /// NaN or outside (0, 1), there are fewer than two events or two non-events, all predictions are equal, or the
    /// predictions separate events from non-events completely (every event's prediction ≥ every non-event's, or
    /// the reverse), which makes the calibration slope infinite.
    public init(outcome: [Double], predicted: [Double], riskGroups: Int = 10) throws {
        precondition(riskGroups >= 3, "the risk table needs at least three groups")
        let data = try BinaryPredictions(outcome: outcome, predicted: predicted)
        try data.requireTwoOfEachOutcome()
        let ranked = RankedClasses(data)
        let groups = try RiskGroups(data, sortedPredicted: ranked.pooledSorted(), groups: riskGroups)
        if let lowestEvent = ranked.cases.first, let highestEvent = ranked.cases.last,
           let lowestNonEvent = ranked.controls.first, let highestNonEvent = ranked.controls.last,
           lowestEvent >= highestNonEvent || highestEvent <= lowestNonEvent {
            let order = lowestEvent >= highestNonEvent ? "at least" : "at most"
            throw DataError("every event's predicted probability is \(order) every non-event's: the predictions separate the outcomes completely, so the calibration intercept and slope do not exist")
        }

        let deLong = BinaryMetrics.deLong(ranked)
        let m = Double(data.events)
        let nNon = Double(data.nonEvents)

        var logit = [Double](repeating: 0, count: data.count)
        for (i, p) in data.predicted.enumerated() { logit[i] = log(p / (1 - p)) }
        let recalibration = try LogisticRecalibration.interceptAndSlope(outcome: data.outcome, logit: logit)
        let inTheLarge = try LogisticRecalibration.offsetIntercept(outcome: data.outcome, logit: logit)

        let count = Double(data.count)
        let logLoss = BinaryMetrics.logLoss(data)
        let nullDeviance = -2 * (m * log(m / count) + nNon * log(nNon / count))
        let modelDeviance = 2 * count * logLoss
        let r2 = BinaryMetrics.nagelkerkeR2(deviance: modelDeviance, nullDeviance: nullDeviance, count: data.count)

        n = data.count
        events = data.events
        auc = deLong.auc
        aucStandardError = deLong.standardError
        aucConfidenceInterval = deLong.confidenceInterval(level: 0.95)
        brierScore = BinaryMetrics.brierScore(data)
        self.logLoss = logLoss
        calibrationIntercept = recalibration.intercept
        calibrationSlope = recalibration.slope
        calibrationInTheLarge = inTheLarge.intercept
        hosmerLemeshow = HosmerLemeshowTest(groups)
        nagelkerkeR2 = r2
        calibrationTable = CalibrationGroup.table(groups)
    }

    /// Decodes a report written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        events = try c.decode(Int.self, forKey: .events)
        auc = try c.decode(Double.self, forKey: .auc)
        aucStandardError = try c.decode(Double.self, forKey: .aucStandardError)
        aucConfidenceInterval = try c.decode(ConfidenceInterval.self, forKey: .aucConfidenceInterval)
        brierScore = try c.decode(Double.self, forKey: .brierScore)
        logLoss = try c.decode(Double.self, forKey: .logLoss)
        calibrationIntercept = try c.decode(Double.self, forKey: .calibrationIntercept)
        calibrationSlope = try c.decode(Double.self, forKey: .calibrationSlope)
        calibrationInTheLarge = try c.decode(Double.self, forKey: .calibrationInTheLarge)
        hosmerLemeshow = try c.decodeIfPresent(HosmerLemeshowTest.self, forKey: .hosmerLemeshow)
        nagelkerkeR2 = try c.decode(Double.self, forKey: .nagelkerkeR2)
        calibrationTable = try c.decode([CalibrationGroup].self, forKey: .calibrationTable)
    }

    /// Encodes every key, writing `hosmer_lemeshow` as `null` rather than omitting it when the test is undefined.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(n, forKey: .n)
        try c.encode(events, forKey: .events)
        try c.encode(auc, forKey: .auc)
        try c.encode(aucStandardError, forKey: .aucStandardError)
        try c.encode(aucConfidenceInterval, forKey: .aucConfidenceInterval)
        try c.encode(brierScore, forKey: .brierScore)
        try c.encode(logLoss, forKey: .logLoss)
        try c.encode(calibrationIntercept, forKey: .calibrationIntercept)
        try c.encode(calibrationSlope, forKey: .calibrationSlope)
        try c.encode(calibrationInTheLarge, forKey: .calibrationInTheLarge)
        try c.encode(hosmerLemeshow, forKey: .hosmerLemeshow)
        try c.encode(nagelkerkeR2, forKey: .nagelkerkeR2)
        try c.encode(calibrationTable, forKey: .calibrationTable)
    }
}
