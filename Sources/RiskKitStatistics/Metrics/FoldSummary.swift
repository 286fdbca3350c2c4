
/// Cross-validation measures summarized over folds as `cv.glmnet` does.
package enum FoldSummary {
    /// Per λ index l: the weighted mean m_l = Σₖ wₖ·measures[k][l] / Σw and the standard error
    /// √(Σₖ wₖ·(measures[k][l] − m_l)² / Σw / (K − 1)), `weights` being the folds' sizes (or weight sums).
    package static func weightedMeanAndStandardError(_ measures: [[Double]], weights: [Double]) -> (mean: [Double], se: [Double]) {
        let total = weights.reduce(0, +)
        let count = measures[0].count
        var mean = [Double](repeating: 0, count: count), se = [Double](repeating: 0, count: count)
        for l in 0..<count {
            var m = 0.0
            for k in weights.indices { m += weights[k] * measures[k][l] }
            m /= total
            var v = 0.0
            for k in weights.indices { v += weights[k] * (measures[k][l] - m) * (measures[k][l] - m) }
            mean[l] = m
            se[l] = (v / total / Double(weights.count - 1)).squareRoot()
        }
        return (mean, se)
    }
}
