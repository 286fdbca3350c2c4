import Foundation
import RiskKitData
import RiskKitLinearAlgebra

extension LogisticRegression {
    /// Elastic-net fits along a λ path by coordinate descent with warm starts (glmnet's algorithm).
    ///
    /// Objective at each λ: `(1/Σw)·Σ wᵢ·(−loglikᵢ) + λ·Σⱼ fⱼ·[(1−α)/2·βⱼ² + α·|βⱼ|]`, intercept never penalized, on
    /// the columns as given (no internal standardization). Default λ sequence: 100 values log-spaced from λ_max (the
    /// smallest λ with all penalized coefficients zero; computed with α = 0.001 for ridge) down to λ_max·1e-4 when
    /// n > p − 1, else λ_max·1e-2. Each λ is warm-started from the previous solution and screened with the sequential
    /// strong rule plus a KKT check (see `CoordinateDescentSolver`). Convergence:
    /// ``Options/coordinateDescentTolerance``; iteration cap: ``Options/maxIterations`` IRLS steps per λ. Cost per
    /// λ: O(n·|strong set|) per coordinate sweep plus O(n·p) (`dgemv`) per KKT check; column-major reads.
    ///
    /// - Parameters:
    ///   - penaltyFactor: per-column factors `fⱼ ≥ 0` (nil: all 1); the intercept's is forced to 0. Not rescaled.
    ///   - alpha: the penalty; `.none` is not allowed here.
    ///   - lambdas: the λ values (sorted decreasing); nil for the default sequence.
    ///   - options: tolerance and iteration cap (its `penalty` and `lambda` are ignored).
    public static func path(
        design: Matrix, outcome: [Double], weights: [Double]? = nil, offset: [Double]? = nil, columnNames: [String],
        penaltyFactor: [Double]? = nil, alpha penalty: Penalty, lambdas: [Double]? = nil, options: Options = Options()
    ) throws -> LogisticPath {
        let problem = try LogisticProblem(
            design: design, outcome: outcome, weights: weights, offset: offset, columnNames: columnNames)
        return try path(problem: problem, penaltyFactor: penaltyFactor, penalty: penalty, lambdas: lambdas, options: options)
    }

    /// The path on an already validated problem (shared with cross-validation).
    static func path(
        problem: LogisticProblem, penaltyFactor: [Double]?, penalty: Penalty, lambdas: [Double]?, options: Options
    ) throws -> LogisticPath {
        guard penalty != .none else {
            throw LogisticRegressionError.invalidInput("a λ path needs a penalty (l1, l2 or elasticNet)")
        }
        var settings = options
        settings.penalty = penalty
        var solver = try coordinateDescent(problem: problem, penaltyFactor: penaltyFactor, options: settings)
        let null = try nullFit(&solver)
        let nullDeviance = problem.interceptOnly().deviance
        let sequence: [Double]
        if let lambdas {
            guard !lambdas.isEmpty, lambdas.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw LogisticRegressionError.invalidInput("λ values must be finite and non-negative")
            }
            sequence = lambdas.sorted(by: >)
        } else {
            let ratio = problem.rows > problem.columns - 1 ? 1e-4 : 1e-2
            sequence = (0..<100).map { null.lambdaMax * pow(ratio, Double($0) / 99) }
        }
        var coefficients: [[Double]] = []
        var deviances: [Double] = []
        var iterations: [Int] = []
        var previous = Swift.max(null.lambdaMax, sequence[0])
        for lambda in sequence {
            iterations.append(try solver.solve(lambda: lambda, previousLambda: previous))
            coefficients.append(solver.beta)
            deviances.append(solver.deviance)
            previous = lambda
        }
        return LogisticPath(
            columnNames: problem.columnNames, penalty: penalty, penaltyFactor: solver.penaltyFactor, lambdas: sequence,
            coefficients: coefficients, deviances: deviances, nullDeviance: nullDeviance, iterations: iterations)
    }
}
