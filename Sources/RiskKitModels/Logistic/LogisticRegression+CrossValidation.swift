import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

extension LogisticRegression {
    /// K-fold cross-validation of the elastic-net path, like `cv.glmnet` with `foldid`.
    ///
    /// The full-data path fixes the λ sequence; for each fold the path is refitted on the other folds with that
    /// sequence and scored on the fold. Per λ: `cvm = Σₖ Nₖ·mₖ / Σₖ Nₖ` and `cvsd = √(Σₖ Nₖ(mₖ − cvm)² / Σₖ Nₖ / (K−1))`
    /// with `Nₖ` the fold's total weight. `lambdaMin` is the largest λ attaining the best `cvm`; `lambda1SE` is the
    /// largest λ with `cvm` within `cvsd(lambdaMin)` of it. Cost: K + 1 path fits plus an O(n·p) copy per fold.
    ///
    /// - Parameters:
    ///   - folds: a fold identifier per row (any integers; at least two distinct values).
    ///   - measure: `.deviance` or a custom measure such as AUC.
    ///   - selection: which λ the returned ``CrossValidatedPath/chosen`` fit uses.
    public static func crossValidate(
        design: Matrix, outcome: [Double], weights: [Double]? = nil, offset: [Double]? = nil, columnNames: [String],
        penaltyFactor: [Double]? = nil, alpha penalty: Penalty, lambdas: [Double]? = nil, folds: [Int],
        measure: CrossValidationMeasure = .deviance, selection: LambdaSelection = .oneStandardError,
        options: Options = Options()
    ) throws -> CrossValidatedPath {
        let problem = try LogisticProblem(
            design: design, outcome: outcome, weights: weights, offset: offset, columnNames: columnNames)
        guard folds.count == problem.rows else {
            throw LogisticRegressionError.invalidInput("\(folds.count) fold ids given for \(problem.rows) rows")
        }
        let ids = Array(Set(folds)).sorted()
        guard ids.count >= 2 else { throw LogisticRegressionError.invalidInput("cross-validation needs at least two folds") }
        let full = try path(problem: problem, penaltyFactor: penaltyFactor, penalty: penalty, lambdas: lambdas, options: options)
        let w = problem.weights
        var foldMeasures: [[Double]] = []
        var foldWeights: [Double] = []
        for id in ids {
            let train = (0..<problem.rows).filter { folds[$0] != id }
            let test = (0..<problem.rows).filter { folds[$0] == id }
            let trainProblem = try LogisticProblem(
                design: design.selectingRows(train), outcome: train.map { outcome[$0] }, weights: train.map { w[$0] },
                offset: offset.map { o in train.map { o[$0] } }, columnNames: columnNames)
            let fit = try path(
                problem: trainProblem, penaltyFactor: penaltyFactor, penalty: penalty, lambdas: full.lambdas, options: options)
            let testDesign = design.selectingRows(test)
            let testY = test.map { outcome[$0] }, testW = test.map { w[$0] }
            let testOffset = offset.map { o in test.map { o[$0] } } ?? [Double](repeating: 0, count: test.count)
            let weightSum = testW.reduce(0, +)
            foldWeights.append(weightSum)
            foldMeasures.append(fit.coefficients.map { beta in
                var eta = testOffset
                testDesign.multiply(beta, alpha: 1, beta: 1, into: &eta)
                switch measure {
                case .deviance:
                    var total = 0.0
                    for i in 0..<eta.count where testW[i] > 0 {
                        let z = testY[i] == 1 ? -eta[i] : eta[i]
                        total += 2 * testW[i] * (Swift.max(z, 0) + log1p(exp(-abs(z))))
                    }
                    return total / weightSum
                case .custom(_, _, let evaluate):
                    return evaluate(testY, eta.map { 1 / (1 + exp(-$0)) })
                }
            })
        }
        let count = full.lambdas.count
        let (mean, se) = FoldSummary.weightedMeanAndStandardError(foldMeasures, weights: foldWeights)
        let sign = measure.higherIsBetter ? -1.0 : 1.0
        var best = 0
        for l in 1..<count where sign * mean[l] < sign * mean[best] { best = l }
        let bound = sign * mean[best] + se[best]
        let oneSE = (0..<count).first { sign * mean[$0] <= bound } ?? best
        let chosenIndex = selection == .minimum ? best : oneSE
        return CrossValidatedPath(
            measureName: measure.name, lambdas: full.lambdas, meanMeasure: mean, standardError: se,
            foldMeasures: foldMeasures, lambdaMin: full.lambdas[best], lambda1SE: full.lambdas[oneSE], path: full,
            chosen: full.fit(at: chosenIndex))
    }
}
