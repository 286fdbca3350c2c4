import RiskKitLinearAlgebra

/// Forms `XᵀWX` for a column-major design in row blocks, without a scaled copy of the whole design, and estimates it
/// from a row sample that fills one block.
///
/// Each block of rows is copied into a reusable `b × p` workspace with row `i` scaled by `√Wᵢ`, then accumulated into
/// the lower triangle with `dsyrk` (`C ← BᵀB + C`); the last, partial block is zero-padded. Cost O(n·p²/2) flops
/// plus one O(n·p) copy; extra memory `b·p` doubles, `b = ⌈n / ⌈n/target⌉⌉` (equal blocks, so padding is minimal),
/// allocated on first use.
package struct HessianWorkspace {
    private var block: Matrix

    /// Consecutive rows per run of the row sample used by ``sample(design:weight:)``.
    static let sampleRun = 32

    /// A workspace for designs with `rows` rows, in blocks of about `target` rows (allocated on first use).
    package init(rows: Int, target: Int = 16_384) {
        let count = Swift.max(1, (rows + target - 1) / Swift.max(1, target))
        block = Matrix(rows: (rows + count - 1) / count, columns: 0)
    }

    /// Rows per block, which is also the size of the row sample.
    var blockRows: Int { block.rows }

    /// `XᵀWX` (full symmetric matrix) for the diagonal weights `weight`.
    mutating func form(design: Matrix, weight: [Double]) -> Matrix {
        let n = design.rows
        precondition(weight.count == n, "Hessian workspace shape mismatch")
        let b = block.rows
        var h = Matrix(rows: design.columns, columns: design.columns)
        var start = 0
        while start < n {
            let count = Swift.min(b, n - start)
            fill(design, weight: weight, runs: [start..<(start + count)])
            block.accumulateGram(into: &h, alpha: 1, beta: start == 0 ? 0 : 1)
            start += count
        }
        h.symmetrizeFromLower()
        return h
    }

    /// `X_SᵀW_S X_S` (full symmetric) over a deterministic sample `S` of ``blockRows`` rows, and the sample's
    /// effective size `(Σ_S Wᵢ)² / Σ_S Wᵢ²` (0 when the sample has no weight).
    ///
    /// `S` is made of runs of 32 consecutive rows whose starts are evenly spaced from the first row to the last, so it
    /// spans data sorted in any order and reads whole cache lines; it is every row when the design has one block.
    /// One `dsyrk` on the block: O(b·p²/2) flops.
    mutating func sample(design: Matrix, weight: [Double]) -> (gram: Matrix, effectiveRows: Double) {
        let n = design.rows, b = block.rows, run = Self.sampleRun
        let runs: [Range<Int>]
        if b >= n || b < run {
            runs = [0..<Swift.min(b, n)]
        } else {
            let count = b / run
            runs = (0..<count).map { k in
                let start = count == 1 ? 0 : k * (n - run) / (count - 1)
                return start..<(start + run)
            }
        }
        var sum = 0.0, squares = 0.0
        for rows in runs { for i in rows { sum += weight[i]; squares += weight[i] * weight[i] } }
        fill(design, weight: weight, runs: runs)
        var h = Matrix(rows: design.columns, columns: design.columns)
        block.accumulateGram(into: &h, alpha: 1, beta: 0)
        h.symmetrizeFromLower()
        return (h, squares > 0 ? sum * sum / squares : 0)
    }

    /// Copies the rows in `runs` (in order) into the top of the block, row `i` scaled by `√weightᵢ`; zero-pads the rest.
    private mutating func fill(_ design: Matrix, weight: [Double], runs: [Range<Int>]) {
        let n = design.rows, p = design.columns, b = block.rows
        if block.columns != p { block = Matrix(rows: b, columns: p) }
        var root = [Double](repeating: 0, count: b)
        var k = 0
        for rows in runs { for i in rows { root[k] = weight[i].squareRoot(); k += 1 } }
        design.storage.withUnsafeBufferPointer { x in
            root.withUnsafeBufferPointer { s in
                block.withUnsafeMutableBufferPointer { out in
                    for j in 0..<p {
                        let column = x.baseAddress! + j * n
                        var target = out.baseAddress! + j * b
                        var scale = s.baseAddress!
                        for rows in runs {
                            let source = column + rows.lowerBound
                            for i in 0..<rows.count { target[i] = scale[i] * source[i] }
                            target += rows.count
                            scale += rows.count
                        }
                        for i in 0..<(b - k) { target[i] = 0 }
                    }
                }
            }
        }
    }
}
