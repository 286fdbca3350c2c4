import Foundation
import RiskKitLinearAlgebra

/// Validated inputs of a logistic regression and the O(n) and O(n·p) kernels the solvers share.
///
/// The design is column-major (`Matrix`), column 0 is the intercept. Rows with weight 0 take no part in the fit.
package struct LogisticProblem {
    let design: Matrix
    let outcome: [Double]
    let weights: [Double]
    let offset: [Double]?
    let columnNames: [String]
    /// `Σ wᵢ`.
    let weightSum: Double
    /// `Σᵢ wᵢ·xᵢⱼ²` for every column `j`.
    let weightedSquares: [Double]

    var rows: Int { design.rows }
    var columns: Int { design.columns }

    /// Validates shapes and values in one O(n·p) pass (Σ wᵢxᵢⱼ² is non-finite exactly when a value is, barring overflow).
    package init(design: Matrix, outcome: [Double], weights: [Double]?, offset: [Double]?, columnNames: [String]) throws {
        let n = design.rows, p = design.columns
        guard p >= 1 else { throw LogisticRegressionError.invalidInput("the design has no columns") }
        guard outcome.count == n else {
            throw LogisticRegressionError.invalidInput("the outcome has \(outcome.count) values but the design has \(n) rows")
        }
        guard columnNames.count == p else {
            throw LogisticRegressionError.invalidInput("\(columnNames.count) column names given for \(p) design columns")
        }
        let w = weights ?? [Double](repeating: 1, count: n)
        guard w.count == n else {
            throw LogisticRegressionError.invalidInput("\(w.count) weights given for \(n) rows")
        }
        if let offset, offset.count != n {
            throw LogisticRegressionError.invalidInput("\(offset.count) offsets given for \(n) rows")
        }
        var sum = 0.0
        var classes = (zero: false, one: false)
        for i in 0..<n {
            guard outcome[i] == 0 || outcome[i] == 1 else {
                throw LogisticRegressionError.invalidInput("row \(i + 1): outcome \(outcome[i]) is not 0 or 1")
            }
            guard w[i].isFinite, w[i] >= 0 else {
                throw LogisticRegressionError.invalidInput("row \(i + 1): weight \(w[i]) is not a finite non-negative number")
            }
            if let offset, !offset[i].isFinite {
                throw LogisticRegressionError.invalidInput("row \(i + 1): offset \(offset[i]) is not finite")
            }
            if w[i] > 0 { if outcome[i] == 1 { classes.one = true } else { classes.zero = true } }
            sum += w[i]
        }
        guard sum > 0 else { throw LogisticRegressionError.invalidInput("every weight is zero") }
        guard classes.zero && classes.one else {
            throw LogisticRegressionError.singleOutcomeClass(outcome: classes.one ? 1 : 0)
        }
        let squares = Self.weightedSquares(design, weights: w)
        for j in 0..<p where !squares[j].isFinite {
            // Σ wᵢxᵢⱼ² is NaN or infinite when a value is; find it for the message (or accept an overflowed sum).
            let col = design.column(j)
            if let i = col.firstIndex(where: { !$0.isFinite }) {
                throw LogisticRegressionError.invalidInput("row \(i + 1), column `\(columnNames[j])`: \(col[i]) is not finite")
            }
        }
        if let i = design.column(0).firstIndex(where: { $0 != 1 }) {
            throw LogisticRegressionError.invalidInput(
                "column 0 (`\(columnNames[0])`) must be the intercept (all ones); row \(i + 1) has \(design[i, 0])")
        }
        self.design = design
        self.outcome = outcome
        self.weights = w
        self.offset = offset
        self.columnNames = columnNames
        self.weightSum = sum
        self.weightedSquares = squares
    }

    // MARK: - O(n·p) kernels (BLAS level 2)

    /// `Σᵢ wᵢ·xᵢⱼ²` for every column, in four interleaved partial sums per column so the pass runs at memory speed.
    private static func weightedSquares(_ design: Matrix, weights: [Double]) -> [Double] {
        let n = design.rows
        var sums = [Double](repeating: 0, count: design.columns)
        design.storage.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                for j in sums.indices {
                    let c = x.baseAddress! + j * n
                    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                    var i = 0
                    while i + 4 <= n {
                        s0 += w[i] * c[i] * c[i]
                        s1 += w[i + 1] * c[i + 1] * c[i + 1]
                        s2 += w[i + 2] * c[i + 2] * c[i + 2]
                        s3 += w[i + 3] * c[i + 3] * c[i + 3]
                        i += 4
                    }
                    while i < n {
                        s0 += w[i] * c[i] * c[i]
                        i += 1
                    }
                    sums[j] = (s0 + s1) + (s2 + s3)
                }
            }
        }
        return sums
    }

    /// `offset + X·β` (`dgemv`).
    func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = offset ?? [Double](repeating: 0, count: rows)
        design.multiply(beta, alpha: 1, beta: offset == nil ? 0 : 1, into: &eta)
        return eta
    }

    /// `Xᵀ·r` (`dgemv`, transposed): the score when `r = w∘(y−μ)`.
    func transposeTimes(_ r: [Double], into g: inout [Double]) {
        design.multiply(r, transpose: .transpose, into: &g)
    }

    /// `X·v` (`dgemv`).
    func times(_ v: [Double], into u: inout [Double]) {
        design.multiply(v, into: &u)
    }

    /// `maxⱼ |gⱼ| / (½·√(Σᵢ wᵢ xᵢⱼ²))`: the score in units of each column's largest possible information, so the
    /// rule does not depend on how columns are scaled.
    func scaledGradient(_ score: [Double]) -> Double {
        var m = 0.0
        for j in 0..<columns where weightedSquares[j] > 0 {
            m = Swift.max(m, abs(score[j]) / (0.5 * weightedSquares[j].squareRoot()))
        }
        return m
    }

    // MARK: - O(n) kernels

    /// Fills `residual = w∘(y−μ)` and `hessianWeight = w∘μ(1−μ)` at `eta`; returns the deviance.
    func evaluate(eta: [Double], residual: inout [Double], hessianWeight: inout [Double]) -> Double {
        var deviance = 0.0
        eta.withUnsafeBufferPointer { e in
            outcome.withUnsafeBufferPointer { y in
                weights.withUnsafeBufferPointer { w in
                    residual.withUnsafeMutableBufferPointer { r in
                        hessianWeight.withUnsafeMutableBufferPointer { h in
                            for i in 0..<e.count {
                                let (value, q) = (e[i], exp(-abs(e[i])))
                                let inv = 1 / (1 + q)
                                let mu = value >= 0 ? inv : q * inv
                                let oneMinusMu = value >= 0 ? q * inv : inv
                                let wi = w[i]
                                r[i] = wi * (y[i] == 1 ? oneMinusMu : -mu)
                                h[i] = wi * q * inv * inv
                                if wi > 0 {
                                    // −log-likelihood = softplus(η) − yη = softplus(±η).
                                    let z = y[i] == 1 ? -value : value
                                    deviance += 2 * wi * (Swift.max(z, 0) + log1p(q))
                                }
                            }
                        }
                    }
                }
            }
        }
        return deviance
    }

    /// Deviance at `eta + t·u` without allocating. O(n).
    func deviance(eta: [Double], direction u: [Double], step t: Double) -> Double {
        var deviance = 0.0
        eta.withUnsafeBufferPointer { e in
            u.withUnsafeBufferPointer { d in
                outcome.withUnsafeBufferPointer { y in
                    weights.withUnsafeBufferPointer { w in
                        for i in 0..<e.count where w[i] > 0 {
                            let value = e[i] + t * d[i]
                            let z = y[i] == 1 ? -value : value
                            deviance += 2 * w[i] * (Swift.max(z, 0) + log1p(exp(-abs(z))))
                        }
                    }
                }
            }
        }
        return deviance
    }

    /// Fits the intercept alone (with the offset) by one-dimensional Newton; returns it and its deviance.
    ///
    /// Without an offset the answer is closed-form, `logit(Σwy/Σw)`. Converges when the step is below 1e-14.
    func interceptOnly() -> (intercept: Double, deviance: Double) {
        var positive = 0.0
        for i in 0..<rows where outcome[i] == 1 { positive += weights[i] }
        let mean = positive / weightSum
        var b0 = log(mean / (1 - mean))
        let ones = [Double](repeating: 1, count: rows)
        guard let offset else { return (b0, deviance(eta: [Double](repeating: 0, count: rows), direction: ones, step: b0)) }
        for _ in 0..<100 {
            var g = 0.0, h = 0.0
            for i in 0..<rows where weights[i] > 0 {
                let mu = 1 / (1 + exp(-(offset[i] + b0)))
                g += weights[i] * (outcome[i] - mu)
                h += weights[i] * mu * (1 - mu)
            }
            let step = g / h
            b0 += step
            if abs(step) <= 1e-14 * Swift.max(1, abs(b0)) { break }
        }
        return (b0, deviance(eta: offset, direction: ones, step: b0))
    }
}
