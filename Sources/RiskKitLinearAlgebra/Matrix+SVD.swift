internal import CLAPACKE

/// A thin singular value decomposition `A = U·diag(s)·Vᵀ` of an `m × n` matrix, `k = min(m, n)`.
public struct SingularValueDecomposition: Sendable {
    /// `m × k` left singular vectors (orthonormal columns), column-major.
    public var u: Matrix
    /// The `k` singular values, descending and non-negative.
    public var singularValues: [Double]
    /// `k × n` transposed right singular vectors (orthonormal rows), column-major.
    public var vt: Matrix
}

extension Matrix {
    /// The thin SVD by LAPACK's `dgesvd` (Householder bidiagonalization, then implicit-shift QR on the bidiagonal;
    /// `jobu = jobvt = 'S'`), column-major. O(4·m·n·k) flops for `k = min(m, n)`; meant for tall-skinny or small
    /// matrices. The signs of singular vector pairs are LAPACK's (arbitrary).
    /// - Throws: ``LinearAlgebraError/notConverged(routine:remaining:)`` when the bidiagonal QR iteration fails
    ///   (typically NaN or infinite entries).
    public func thinSVD() throws -> SingularValueDecomposition {
        let (m, n) = (rows, columns)
        let k = Swift.min(m, n)
        var a = self
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: m, columns: k)
        var vt = Matrix(rows: k, columns: n)
        guard k > 0 else { return SingularValueDecomposition(u: u, singularValues: s, vt: vt) }
        var superb = [Double](repeating: 0, count: Swift.max(1, k - 1))
        let info = a.withUnsafeMutableBufferPointer { ap in
            s.withUnsafeMutableBufferPointer { sp in
                u.withUnsafeMutableBufferPointer { up in
                    vt.withUnsafeMutableBufferPointer { vp in
                        superb.withUnsafeMutableBufferPointer { wp in
                            LAPACKE.dgesvd(
                                LAPACK_COL_MAJOR, Int8(UInt8(ascii: "S")), Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                ap.baseAddress, Int32(m), sp.baseAddress, up.baseAddress, Int32(m), vp.baseAddress,
                                Int32(k), wp.baseAddress)
                        }
                    }
                }
            }
        }
        try checkLAPACK(info, routine: "dgesvd") { .notConverged(routine: "dgesvd", remaining: Int($0)) }
        return SingularValueDecomposition(u: u, singularValues: s, vt: vt)
    }
}
