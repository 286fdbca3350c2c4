internal import COpenBLAS

extension Matrix {
    /// `C ← α·op(A)·op(B) + β·C` into an existing `C` (`cblas_dgemm`, column-major), so that products over blocks
    /// can be summed in place without a temporary. O(m·n·k).
    public func multiply(
        _ b: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none, alpha: Double = 1,
        beta: Double, into c: inout Matrix
    ) {
        let m = transposeSelf == .none ? rows : columns
        let k = transposeSelf == .none ? columns : rows
        let kb = transposeOther == .none ? b.rows : b.columns
        let n = transposeOther == .none ? b.columns : b.rows
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.columns == n, "gemm: C must be \(m)×\(n), is \(c.rows)×\(c.columns)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.elements.indices { c.elements[i] = beta == 0 ? 0 : beta * c.elements[i] }
            return
        }
        storage.withUnsafeBufferPointer { a in
            b.storage.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    CBLAS.dgemm(
                        CblasColMajor, transposeSelf.cblas, transposeOther.cblas, Int32(m), Int32(n), Int32(k), alpha,
                        a.baseAddress, Int32(rows), bp.baseAddress, Int32(b.rows), beta, cp.baseAddress, Int32(m))
                }
            }
        }
    }
}
