internal import COpenBLAS

/// Whether a BLAS operand is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transpose
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `y ← α·op(A)·x + β·y` (`cblas_dgemv`, column-major). O(rows·columns).
    public func multiply(
        _ x: [Double], transpose: Transpose = .none, alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) {
        let (m, n) = (rows, columns)
        precondition(x.count == (transpose == .none ? n : m), "gemv: x has \(x.count) elements")
        precondition(y.count == (transpose == .none ? m : n), "gemv: y has \(y.count) elements")
        guard m > 0, n > 0 else {
            if beta == 0 { for i in y.indices { y[i] = 0 } } else { for i in y.indices { y[i] *= beta } }
            return
        }
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    CBLAS.dgemv(
                        CblasColMajor, transpose.cblas, Int32(m), Int32(n), alpha, a.baseAddress, Int32(m),
                        xp.baseAddress, 1, beta, yp.baseAddress, 1)
                }
            }
        }
    }

    /// `op(A)·x` as a new vector (`cblas_dgemv`).
    public func multiply(_ x: [Double], transpose: Transpose = .none) -> [Double] {
        var y = [Double](repeating: 0, count: transpose == .none ? rows : columns)
        multiply(x, transpose: transpose, into: &y)
        return y
    }

    /// `op(A)·op(B)` (`cblas_dgemm`, column-major). O(m·n·k).
    public func multiply(_ b: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none) -> Matrix {
        let m = transposeSelf == .none ? rows : columns
        let k = transposeSelf == .none ? columns : rows
        let kb = transposeOther == .none ? b.rows : b.columns
        let n = transposeOther == .none ? b.columns : b.rows
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        storage.withUnsafeBufferPointer { a in
            b.storage.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    CBLAS.dgemm(
                        CblasColMajor, transposeSelf.cblas, transposeOther.cblas, Int32(m), Int32(n), Int32(k), 1,
                        a.baseAddress, Int32(rows), bp.baseAddress, Int32(b.rows), 0, cp.baseAddress, Int32(m))
                }
            }
        }
        return c
    }

    /// The Gram matrix `AᵀA` (`cblas_dsyrk`, lower triangle computed, then mirrored). O(rows·columns²/2).
    public func gram() -> Matrix {
        var c = Matrix(rows: columns, columns: columns)
        accumulateGram(into: &c, alpha: 1, beta: 0)
        c.symmetrizeFromLower()
        return c
    }

    /// `C ← α·AᵀA + β·C` on the lower triangle of `C` only (`cblas_dsyrk`, column-major).
    ///
    /// The upper triangle of `C` is left untouched; call ``symmetrizeFromLower()`` if you need it.
    public func accumulateGram(into c: inout Matrix, alpha: Double = 1, beta: Double = 0) {
        precondition(c.rows == columns && c.columns == columns, "syrk: C must be \(columns)×\(columns)")
        guard columns > 0 else { return }
        if rows == 0 {
            if beta != 1 { for i in c.elements.indices { c.elements[i] *= beta } }
            return
        }
        storage.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { cp in
                CBLAS.dsyrk(
                    CblasColMajor, CblasLower, CblasTrans, Int32(columns), Int32(rows), alpha, a.baseAddress,
                    Int32(rows), beta, cp.baseAddress, Int32(columns))
            }
        }
    }
}

/// Vector helpers backed by level-1 BLAS.
public enum Vector {
    /// `xᵀy` (`cblas_ddot`).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in CBLAS.ddot(Int32(x.count), xp.baseAddress, 1, yp.baseAddress, 1) }
        }
    }

    /// `y ← α·x + y` (`cblas_daxpy`).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths differ")
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                CBLAS.daxpy(Int32(x.count), alpha, xp.baseAddress, 1, yp.baseAddress, 1)
            }
        }
    }

    /// Euclidean norm (`cblas_dnrm2`).
    public static func norm(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { CBLAS.dnrm2(Int32(x.count), $0.baseAddress, 1) }
    }

    /// Largest absolute value (`cblas_idamax`), 0 for an empty vector.
    public static func maxAbs(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let i = x.withUnsafeBufferPointer { Int(CBLAS.idamax(Int32(x.count), $0.baseAddress, 1)) }
        return abs(x[i])
    }
}
