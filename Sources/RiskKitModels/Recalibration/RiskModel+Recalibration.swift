import Foundation
import RiskKitStatistics
import RiskKitData

extension RiskModel {
    /// Fits the map `logit p' = a + b·η` of `method` to outcomes `y` (1/0) and linear predictors `eta`.
    ///
    /// Maximum likelihood by Newton–Raphson (``LogisticRecalibration``: from (a, b) = (0, 1), step halving,
    /// converged when the score is ≤ 1e-12 of its scale), the fits of R's `glm(y ~ offset(eta), binomial)` and
    /// `glm(y ~ eta, binomial)`.
    /// - Throws: ``DataError`` when the rows hold no event or no non-event, the fit does not converge, or the slope
    ///   is not positive (the predictor then ranks the outcome backwards or not at all: refit instead).
    public static func recalibrationMap(outcome y: [Double], linearPredictor eta: [Double], method: RecalibrationMethod)
        throws -> RecalibrationRecord.Map {
        let events = y.reduce(0, +)
        guard events > 0, events < Double(y.count) else {
            throw DataError("\(Int(events)) events among \(y.count) rows: recalibration needs both events and non-events")
        }
        switch method {
        case .intercept:
            let fit = try LogisticRecalibration.offsetIntercept(outcome: y, logit: eta)
            return .init(intercept: fit.intercept, slope: 1)
        case .slope:
            let fit = try LogisticRecalibration.interceptAndSlope(outcome: y, logit: eta)
            guard fit.slope > 0 else {
                throw DataError("""
                    the calibration slope is \(fit.slope) on these data: the model's predictor does not rank the outcome \
                    (or ranks it backwards), which recalibration cannot mend; refit the model
                    """)
            }
            return .init(intercept: fit.intercept, slope: fit.slope)
        }
    }

    /// This model with its linear predictor mapped by `record` (η ↦ a + b·η): the intercept becomes a + b·β₀ and the
    /// other coefficients b·β_j; the reference risks (for percentiles) are mapped the same way, so every patient's
    /// percentile is unchanged; a model with a polygenic score has its refitted-without-score coefficients mapped by
    /// `record.withoutScore`, and the score's odds ratio per SD raised to b. The Wald inference of the training fit
    /// (standard errors, z, p, intervals) no longer describes the mapped coefficients and is removed; odds ratios
    /// are recomputed. The record is appended to ``recalibrations``; the checksum is cleared (it is set on writing).
    public func recalibrated(by record: RecalibrationRecord) -> RiskModel {
        var model = self
        let (a, b) = (record.intercept, record.slope)
        model.coefficients = coefficients.enumerated().map { j, c in
            var mapped = c
            mapped.estimate = j == 0 ? a + b * c.estimate : b * c.estimate
            mapped.stdError = nil
            mapped.z = nil
            mapped.pValue = nil
            mapped.ciLow = nil
            mapped.ciHigh = nil
            if c.oddsRatio != nil { mapped.oddsRatio = exp(mapped.estimate) }
            return mapped
        }
        model.referenceRisks.quantiles = referenceRisks.quantiles.map { p in
            RiskModel.probability(linearPredictor: a + b * Foundation.log(p / (1 - p)))
        }
        if var genetics, let map = record.withoutScore {
            genetics.coefficientsWithoutScore = genetics.coefficientsWithoutScore.enumerated().map { j, c in
                j == 0 ? map.intercept + map.slope * c : map.slope * c
            }
            if b != 1 {
                genetics.oddsRatioPerSD.estimate = pow(genetics.oddsRatioPerSD.estimate, b)
                genetics.oddsRatioPerSD.ciLow = nil
                genetics.oddsRatioPerSD.ciHigh = nil
            }
            model.genetics = genetics
        }
        model.recalibrations = (recalibrations ?? []) + [record]
        model.checksum = nil
        return model
    }
}
