internal import COpenBLAS
internal import CLAPACKE

/// BLAS/LAPACK calls on caller-owned, column-major buffers with explicit leading dimensions.
///
/// Hot loops (per-variant regressions) keep their workspaces and call these on sub-blocks, so nothing is copied or
/// allocated per call. Buffers must not alias unless the routine allows it; dimensions are not rechecked beyond
/// preconditions on the counts.
public enum StridedKernels {
    /// `C ← α·op(A)·op(B) + β·C` (`cblas_dgemm`, column-major); `C` is m × n, the inner dimension is k.
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for j in 0..<n { for i in 0..<m { c[i + j * ldc] = beta == 0 ? 0 : beta * c[i + j * ldc] } }
            return
        }
        CBLAS.dgemm(CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda),
                    b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `xᵀy` over `n` contiguous elements (`cblas_ddot`).
    public static func dot(n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        n > 0 ? CBLAS.ddot(Int32(n), x, 1, y, 1) : 0
    }

    /// Factors the symmetric positive-definite `order × order` matrix at `a` in place (`dpotrf`, lower).
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` when a leading minor is not positive (the matrix
    ///   is then partly overwritten); ``LinearAlgebraError/illegalArgument(routine:position:)`` on a programming error.
    public static func choleskyFactor(order: Int, a: UnsafeMutablePointer<Double>, lda: Int) throws(LinearAlgebraError) {
        let info = LAPACKE.dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), a, Int32(Swift.max(1, lda)))
        try checkLAPACK(info, routine: "dpotrf") { .notPositiveDefinite(minor: Int($0)) }
    }

    /// Solves `A·x = b` in place in `b` from a factor made by ``choleskyFactor(order:a:lda:)`` (`dpotrs`).
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a programming error.
    public static func choleskySolve(
        order: Int, factor: UnsafePointer<Double>, lda: Int, b: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        let info = LAPACKE.dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), 1, factor,
                                  Int32(Swift.max(1, lda)), b, Int32(Swift.max(1, order)))
        try checkLAPACK(info, routine: "dpotrs")
    }

    /// Overwrites the lower triangle of a factor made by ``choleskyFactor(order:a:lda:)`` with that of `A⁻¹`
    /// (`dpotri`).
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` when the factor has a zero pivot;
    ///   ``LinearAlgebraError/illegalArgument(routine:position:)`` on a programming error.
    public static func choleskyInverse(order: Int, a: UnsafeMutablePointer<Double>, lda: Int) throws(LinearAlgebraError) {
        let info = LAPACKE.dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), a, Int32(Swift.max(1, lda)))
        try checkLAPACK(info, routine: "dpotri") { .singular(pivot: Int($0)) }
    }

    /// `B ← B·L⁻ᵀ` in place, `B` being `rows × order` (leading dimension `ldb`) and `L` the lower-triangular factor at
    /// `factor` (`cblas_dtrsm`, right side, transposed). Row `i` of the result is `L⁻¹·bᵢ`, so its squared norm is
    /// `bᵢᵀ·A⁻¹·bᵢ` for `A = L·Lᵀ`.
    public static func multiplyByInverseTransposedFactor(
        rows: Int, order: Int, factor: UnsafePointer<Double>, lda: Int, b: UnsafeMutablePointer<Double>, ldb: Int
    ) {
        guard order > 0, rows > 0 else { return }
        CBLAS.dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows), Int32(order), 1,
                    factor, Int32(lda), b, Int32(ldb))
    }
}
