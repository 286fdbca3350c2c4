import Foundation

/// Detects perfect and quasi-complete separation, before and after a maximum-likelihood fit.
///
/// Before: a single feature separates the outcome when, over rows with positive weight, every 0-outcome value is ≤
/// every 1-outcome value (or the reverse) and the feature is not constant — the MLE is then infinite (Albert and
/// Anderson, 1984). After: when some fitted probabilities are numerically 0 or 1 (|η| > 15) and the full Newton
/// step `d` at the converged point still moves linear predictors (max |X·d| > 1e-3) in a direction that orders every
/// row by its outcome (`(2y−1)·(X·d)ᵢ ≥ −1e-6·max|X·d|`), the coefficients are diverging along a separating
/// direction; the features named are those whose standardized step `|dⱼ|·sdⱼ` is at least 10% of the largest.
enum SeparationCheck {
    /// Linear predictor magnitude beyond which a fitted probability counts as numerically 0 or 1 (μ < 3.1e-7).
    static let extremeLinearPredictor = 15.0

    /// Throws ``LogisticRegressionError/separation(features:separatedRows:)`` if single columns separate the outcome.
    static func verifySingleColumns(_ problem: LogisticProblem) throws {
        let n = problem.rows
        var features: [String] = []
        var rowsSeparated = 0
        // Per row, 0 where it belongs to the class (positive weight and that outcome) and +∞ elsewhere: the class's
        // minimum is min(x + pad) and its maximum max(x − pad), so each column is one branch-free SIMD pass.
        let pad1 = (0..<n).map { problem.weights[$0] > 0 && problem.outcome[$0] == 1 ? 0 : Double.infinity }
        let pad0 = (0..<n).map { problem.weights[$0] > 0 && problem.outcome[$0] == 0 ? 0 : Double.infinity }
        problem.design.storage.withUnsafeBufferPointer { x in
            for j in 1..<problem.columns {
                let col = UnsafeBufferPointer(rebasing: x[(j * n)..<((j + 1) * n)])
                let (min0, max0, min1, max1) = classRanges(col, pad0: pad0, pad1: pad1)
                guard Swift.min(min0, min1) < Swift.max(max0, max1) else { continue }  // constant column
                let upward = max0 <= min1, downward = max1 <= min0
                guard upward || downward else { continue }
                features.append(problem.columnNames[j])
                var count = 0
                for i in 0..<n where problem.weights[i] > 0 {
                    if problem.outcome[i] == 1 {
                        if upward ? col[i] > max0 : col[i] < min0 { count += 1 }
                    } else if upward ? col[i] < min1 : col[i] > max1 {
                        count += 1
                    }
                }
                rowsSeparated = Swift.max(rowsSeparated, count)
            }
        }
        if !features.isEmpty {
            throw LogisticRegressionError.separation(features: features, separatedRows: rowsSeparated)
        }
    }

    /// Smallest and largest value of `col` over each class's rows (finite values; `pad` is 0 in the class, +∞ out).
    private static func classRanges(_ col: UnsafeBufferPointer<Double>, pad0: [Double], pad1: [Double])
        -> (min0: Double, max0: Double, min1: Double, max1: Double)
    {
        var (min0, max0, min1, max1) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        pad0.withUnsafeBufferPointer { p0 in
            pad1.withUnsafeBufferPointer { p1 in
                for i in 0..<col.count {
                    let v = col[i], a = p0[i], b = p1[i]
                    min0 = (v + a) < min0 ? v + a : min0
                    max0 = (v - a) > max0 ? v - a : max0
                    min1 = (v + b) < min1 ? v + b : min1
                    max1 = (v - b) > max1 ? v - b : max1
                }
            }
        }
        return (min0, max0, min1, max1)
    }

    /// Throws when the fit at `eta` is diverging along the Newton step `step` (with `stepPredictor = X·step`).
    static func verifyFit(_ problem: LogisticProblem, eta: [Double], step: [Double], stepPredictor u: [Double]) throws {
        var extreme = 0
        var largest = 0.0
        for i in 0..<problem.rows where problem.weights[i] > 0 {
            if abs(eta[i]) > extremeLinearPredictor { extreme += 1 }
            largest = Swift.max(largest, abs(u[i]))
        }
        guard extreme > 0, largest > 1e-3 else { return }
        for i in 0..<problem.rows where problem.weights[i] > 0 {
            if (2 * problem.outcome[i] - 1) * u[i] < -1e-6 * largest { return }
        }
        let n = problem.rows
        var standardized = [Double](repeating: 0, count: problem.columns)
        problem.design.storage.withUnsafeBufferPointer { x in
            for j in 1..<problem.columns {
                let col = x.baseAddress! + j * n
                var mean = 0.0
                for i in 0..<n { mean += problem.weights[i] * col[i] }
                mean /= problem.weightSum
                var variance = 0.0
                for i in 0..<n { variance += problem.weights[i] * (col[i] - mean) * (col[i] - mean) }
                standardized[j] = abs(step[j]) * (variance / problem.weightSum).squareRoot()
            }
        }
        let top = standardized.max() ?? 0
        let features = (1..<problem.columns).filter { top > 0 && standardized[$0] >= 0.1 * top }
            .map { problem.columnNames[$0] }
        throw LogisticRegressionError.separation(features: features, separatedRows: extreme)
    }
}
