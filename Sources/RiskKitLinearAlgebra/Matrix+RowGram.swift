internal import COpenBLAS

extension Matrix {
    /// `C ← α·A·Aᵀ + β·C` on the lower triangle of `C` only (`cblas_dsyrk`, no transpose, column-major): the
    /// row Gram matrix, e.g. samples × samples from a samples × variants block. O(rows²·columns/2) flops.
    public func accumulateRowGram(into c: inout Matrix, alpha: Double = 1, beta: Double = 1) {
        precondition(c.rows == rows && c.columns == rows, "syrk: C must be \(rows)×\(rows)")
        guard rows > 0, columns > 0 else { return }
        storage.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { cp in
                CBLAS.dsyrk(
                    CblasColMajor, CblasLower, CblasNoTrans, Int32(rows), Int32(columns), alpha, a.baseAddress,
                    Int32(rows), beta, cp.baseAddress, Int32(rows))
            }
        }
    }
}
