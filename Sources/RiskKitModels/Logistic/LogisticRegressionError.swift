
/// Why a logistic regression could not be fitted; every message names the columns or rows involved.
public enum LogisticRegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One column that is (numerically) a linear combination of other columns.
    public struct CollinearColumn: Equatable, Sendable {
        /// The column that was dropped from the independent set.
        public let column: String
        /// The kept columns with a non-negligible coefficient in the combination (empty: the column is all zero).
        public let combinationOf: [String]
    }

    /// Inputs whose shapes or values break the contract (wrong lengths, outcome not 0/1, negative weight, non-finite).
    case invalidInput(String)
    /// Every row with positive weight has the same outcome, so no model can be estimated.
    case singleOutcomeClass(outcome: Double)
    /// The design is rank deficient: each listed column is a linear combination of others.
    case collinearColumns([CollinearColumn])
    /// Perfect or quasi-complete separation: these features predict the outcome exactly for some rows, so the
    /// maximum-likelihood coefficients are infinite.
    case separation(features: [String], separatedRows: Int)
    /// Newton iterations did not reach the convergence rule.
    case notConverged(iterations: Int, scaledGradient: Double)
    /// Coordinate descent did not converge at this penalty value.
    case penalizedNotConverged(lambda: Double, iterations: Int)

    public var description: String {
        switch self {
        case .invalidInput(let message):
            return message
        case .singleOutcomeClass(let outcome):
            return "every row has outcome \(outcome == 1 ? 1 : 0); a logistic model needs both 0 and 1 outcomes"
        case .collinearColumns(let columns):
            let parts = columns.map { c -> String in
                c.combinationOf.isEmpty
                    ? "`\(c.column)` is zero in every row with positive weight"
                    : "`\(c.column)` is a linear combination of " + c.combinationOf.map { "`\($0)`" }.joined(separator: ", ")
            }
            return parts.joined(separator: "; ") + "; remove or combine these columns"
        case .separation(let features, let rows):
            let names = features.map { "`\($0)`" }.joined(separator: ", ")
            return "perfect separation: \(names) predict\(features.count == 1 ? "s" : "") the outcome exactly "
                + "(\(rows) row\(rows == 1 ? "" : "s") with fitted probability 0 or 1), so the coefficients are infinite; "
                + "remove or coarsen \(features.count == 1 ? "this feature" : "these features"), or fit with a penalty"
        case .notConverged(let iterations, let gradient):
            return "the fit did not converge in \(iterations) iterations (largest scaled gradient \(gradient)); "
                + "raise the iteration limit or check the data for extreme values"
        case .penalizedNotConverged(let lambda, let iterations):
            return "coordinate descent did not converge at lambda \(lambda) in \(iterations) iterations; "
                + "raise the iteration limit or use a larger smallest lambda"
        }
    }
}
