import Foundation

/// Performance measures for predicted probabilities of a binary outcome.
///
/// Every function checks its input the same way and throws `DataError` when the lists are empty or of different
/// lengths, when an outcome is not 0 or 1, or when a probability is NaN or not strictly between 0 and 1.
public enum BinaryMetrics {
    /// The area under the ROC curve (Mann–Whitney; an event and a non-event with equal prediction count ½).
    ///
    /// Sorts each outcome class once and merges them: O(n log n) time, O(n) memory. Throws `DataError` when only
    /// one outcome occurs (the AUC is then undefined).
    public static func auc(outcome: [Double], predicted: [Double]) throws -> Double {
        let data = try BinaryPredictions(outcome: outcome, predicted: predicted)
        try data.requireBothOutcomes()
        return RankedClasses(data).auc
    }

    /// The AUC of any finite scores (a polygenic score, a linear predictor): as ``auc(outcome:predicted:)``, which
    /// depends only on the ranking, without requiring probabilities.
    public static func auc(outcome: [Double], scores: [Double]) throws -> Double {
        let data = try BinaryPredictions(outcome: outcome, predicted: scores, name: "score", probabilities: false)
        try data.requireBothOutcomes()
        return RankedClasses(data).auc
    }

    /// The Brier score, mean((p − y)²), as `sklearn.metrics.brier_score_loss` computes it. O(n).
    public static func brierScore(outcome: [Double], predicted: [Double]) throws -> Double {
        brierScore(try BinaryPredictions(outcome: outcome, predicted: predicted))
    }

    /// The log loss, −mean(y·log p + (1 − y)·log(1 − p)), as `sklearn.metrics.log_loss` computes it. O(n).
    public static func logLoss(outcome: [Double], predicted: [Double]) throws -> Double {
        logLoss(try BinaryPredictions(outcome: outcome, predicted: predicted))
    }

    static func brierScore(_ data: BinaryPredictions) -> Double {
        var sum = 0.0
        for (y, p) in zip(data.outcome, data.predicted) {
            sum += (p - y) * (p - y)
        }
        return sum / Double(data.count)
    }

    /// Uses `log1p(−p)` for log(1 − p), exact where `1 − p` would round.
    static func logLoss(_ data: BinaryPredictions) -> Double {
        var sum = 0.0
        for (y, p) in zip(data.outcome, data.predicted) {
            sum -= y == 1 ? log(p) : log1p(-p)
        }
        return sum / Double(data.count)
    }
}
