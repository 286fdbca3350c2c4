import RiskKitData

/// Outcomes and predicted probabilities that passed the checks every evaluation needs.
///
/// Checked on creation: the two arrays are non-empty and of equal length, every outcome is exactly 0 or 1, and
/// every probability is a number strictly between 0 and 1. Rows in messages are 1-based positions in the arrays.
struct BinaryPredictions {
    /// Outcomes, each 0 or 1.
    let outcome: [Double]
    /// Predicted probabilities, each in (0, 1), row-aligned with `outcome`.
    let predicted: [Double]
    /// Number of outcomes equal to 1.
    let events: Int

    /// Number of rows.
    var count: Int { outcome.count }
    /// Number of outcomes equal to 0.
    var nonEvents: Int { outcome.count - events }

    /// Validates `outcome` and `predicted`; `name` is how the probabilities are called in error messages.
    /// With `probabilities` false, any finite values are accepted (scores ranked by a ranking measure).
    init(outcome: [Double], predicted: [Double], name: String = "predicted probability", probabilities: Bool = true) throws {
        guard !outcome.isEmpty || !predicted.isEmpty else {
            throw DataError("no predictions to evaluate: the outcome and \(name) lists are empty")
        }
        guard outcome.count == predicted.count else {
            throw DataError("\(outcome.count) outcomes but \(predicted.count) values of \(name): each row needs both")
        }
        events = try Self.countEvents(outcome)
        if probabilities {
            try Self.checkProbabilities(predicted, name: name)
        } else if let row = predicted.firstIndex(where: { !$0.isFinite }) {
            throw DataError("row \(row + 1): \(name) \(predicted[row]) is not a finite number")
        }
        self.outcome = outcome
        self.predicted = predicted
    }

    /// The number of ones in `outcome`, after checking every value is 0 or 1.
    static func countEvents(_ outcome: [Double]) throws -> Int {
        var events = 0
        for (row, y) in outcome.enumerated() {
            if y == 1 {
                events += 1
            } else if y != 0 {
                throw DataError("row \(row + 1): outcome \(y) is not 0 or 1")
            }
        }
        return events
    }

    /// Checks every value is a number strictly between 0 and 1.
    static func checkProbabilities(_ predicted: [Double], name: String) throws {
        for (row, p) in predicted.enumerated() where !(p > 0 && p < 1) {
            let reason = p.isNaN ? "is not a number (NaN)" : "\(p) is not strictly between 0 and 1"
            throw DataError("row \(row + 1): \(name) \(reason)")
        }
    }

    /// Throws unless both outcomes occur, since a ranking measure compares events with non-events.
    func requireBothOutcomes() throws {
        if events == 0 || events == count {
            let value = events == 0 ? 0 : 1
            throw DataError("all \(count) outcomes are \(value): the AUC is undefined without both events and non-events")
        }
    }

    /// Throws unless there are at least two events and two non-events, which the DeLong variance needs.
    func requireTwoOfEachOutcome() throws {
        try requireBothOutcomes()
        if events < 2 || nonEvents < 2 {
            let (few, label) = events < 2 ? (events, "event") : (nonEvents, "non-event")
            throw DataError("only \(few) \(label): the DeLong standard error of the AUC needs at least two events and two non-events")
        }
    }
}
