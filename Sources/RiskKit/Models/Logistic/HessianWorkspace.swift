/// Forms `XᵀWX` for a column-major design in row blocks, without a scaled copy of the whole design.
///
/// Each block of rows is copied into a reusable `b × p` workspace with row `i` scaled by `√Wᵢ`, then accumulated into
/// the lower triangle with `dsyrk` (`C ← BᵀB + C`); the last, partial block is zero-padded. Cost O(n·p²/2) flops
/// plus one O(n·p) copy; extra memory `b·p` doubles, `b = ⌈n / ⌈n/16384⌉⌉` (equal blocks, so padding is minimal),
/// allocated on first use.
struct HessianWorkspace {
    private var block: Matrix
    private var rootWeight: [Double] = []

    /// A workspace for designs with `rows` rows (allocated by the first ``form(design:weight:)``).
    init(rows: Int) {
        let count = Swift.max(1, (rows + 16_383) / 16_384)
        block = Matrix(rows: (rows + count - 1) / count, columns: 0)
    }

    /// `XᵀWX` (full symmetric matrix) for the diagonal weights `weight`.
    mutating func form(design: Matrix, weight: [Double]) -> Matrix {
        let n = design.rows, p = design.columns
        precondition(weight.count == n, "Hessian workspace shape mismatch")
        if block.columns != p { block = Matrix(rows: block.rows, columns: p) }
        let b = block.rows
        rootWeight = weight.map { $0.squareRoot() }
        var h = Matrix(rows: p, columns: p)
        var start = 0
        while start < n {
            let count = Swift.min(b, n - start)
            design.storage.withUnsafeBufferPointer { x in
                rootWeight.withUnsafeBufferPointer { s in
                    block.storage.withUnsafeMutableBufferPointer { out in
                        for j in 0..<p {
                            let src = x.baseAddress! + j * n + start
                            let dst = out.baseAddress! + j * b
                            let scale = s.baseAddress! + start
                            for i in 0..<count { dst[i] = scale[i] * src[i] }
                            for i in count..<b { dst[i] = 0 }
                        }
                    }
                }
            }
            block.accumulateGram(into: &h, alpha: 1, beta: start == 0 ? 0 : 1)
            start += count
        }
        h.symmetrizeFromLower()
        return h
    }
}
