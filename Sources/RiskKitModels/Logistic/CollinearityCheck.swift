import RiskKitLinearAlgebra

/// Finds columns of a design that are (numerically) linear combinations of others, from its weighted Gram matrix.
///
/// The Gram matrix `XᵀWX` is scaled to unit diagonal (so the test does not depend on column scaling) and factored
/// with pivoted Cholesky (`dpstrf`, LAPACK): rank below p means collinearity. Only then, to name the culprits the way
/// R's `lm` does, columns are eliminated in their original order (right-looking Cholesky that skips a column whose
/// remaining diagonal — one minus its squared multiple correlation with the kept columns — is ≤ tolerance), and each
/// skipped column is regressed on the kept ones (`dpotrf`/`dpotrs`); kept columns whose coefficient is at least
/// 1e-4 of the largest are named. O(p³/3) for the check, O(p³) more only on failure.
enum CollinearityCheck {
    /// Throws ``LogisticRegressionError/collinearColumns(_:)`` when `gram` (p × p, full symmetric) is rank deficient.
    static func verify(_ gram: Matrix, columnNames: [String], tolerance: Double) throws {
        let p = gram.rows
        let zero = (0..<p).filter { !(gram[$0, $0] > 0) }
        if !zero.isEmpty {
            throw LogisticRegressionError.collinearColumns(
                zero.map { .init(column: columnNames[$0], combinationOf: []) })
        }
        let scale = (0..<p).map { 1 / gram[$0, $0].squareRoot() }
        var r = gram
        for j in 0..<p { for i in 0..<p { r[i, j] *= scale[i] * scale[j] } }
        let pivoted = try PivotedCholesky(r, tolerance: tolerance)
        if pivoted.rank == p { return }

        var dropped = sequentialDrops(r, tolerance: tolerance)
        if dropped.isEmpty { dropped = Array(pivoted.pivots[pivoted.rank...]).sorted() }
        let droppedSet = Set(dropped)
        let kept = (0..<p).filter { !droppedSet.contains($0) }
        var sub = Matrix(rows: kept.count, columns: kept.count)
        for (b, j) in kept.enumerated() { for (a, i) in kept.enumerated() { sub[a, b] = r[i, j] } }
        let factor = try? CholeskyFactor(sub)
        let columns = dropped.map { k -> LogisticRegressionError.CollinearColumn in
            guard let factor, let c = try? factor.solve(kept.map { r[$0, k] }) else {
                return .init(column: columnNames[k], combinationOf: kept.map { columnNames[$0] })
            }
            let largest = c.map(abs).max() ?? 0
            let names = zip(kept, c).filter { abs($0.1) >= 1e-4 * largest && largest > 0 }.map { columnNames[$0.0] }
            return .init(column: columnNames[k], combinationOf: names)
        }
        throw LogisticRegressionError.collinearColumns(columns)
    }

    /// Columns skipped by an in-order Cholesky elimination of the unit-diagonal matrix `r`.
    private static func sequentialDrops(_ r: Matrix, tolerance: Double) -> [Int] {
        let p = r.rows
        var a = r
        var dropped: [Int] = []
        a.withUnsafeMutableBufferPointer { m in
            for j in 0..<p {
                let d = m[j + j * p]
                guard d > tolerance else {
                    dropped.append(j)
                    continue
                }
                let pivot = d.squareRoot()
                for i in j..<p { m[i + j * p] /= pivot }
                for l in (j + 1)..<Swift.max(j + 1, p) {
                    let ljl = m[l + j * p]
                    if ljl == 0 { continue }
                    for i in l..<p { m[i + l * p] -= m[i + j * p] * ljl }
                }
            }
        }
        return dropped
    }
}
