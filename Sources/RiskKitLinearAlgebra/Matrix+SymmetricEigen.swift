internal import CLAPACKE

/// The largest eigenvalues of a symmetric matrix and their eigenvectors.
public struct SymmetricEigenpairs: Sendable {
    /// The eigenvalues, descending.
    public var values: [Double]
    /// `n × k` orthonormal eigenvectors, column-major; column c belongs to `values[c]`.
    public var vectors: Matrix
}

extension Matrix {
    /// The `k` largest eigenvalues and their eigenvectors of this symmetric `n × n` matrix, reading its lower
    /// triangle only, by LAPACK's `dsyevr` (Householder tridiagonalization, then the MRRR algorithm for the wanted
    /// index range `n−k+1…n`; `abstol` 0, i.e. LAPACK's default accuracy), column-major. O(4/3·n³) flops for the
    /// reduction plus O(n·k) per eigenvector. The sign of each eigenvector is LAPACK's (arbitrary).
    /// - Throws: ``LinearAlgebraError/notConverged(routine:remaining:)`` when LAPACK reports an internal failure
    ///   (typically NaN or infinite entries).
    public func largestSymmetricEigenpairs(_ k: Int) throws -> SymmetricEigenpairs {
        let n = rows
        precondition(rows == columns, "dsyevr: the matrix must be square")
        precondition(k >= 1 && k <= n, "dsyevr: 1 ≤ k ≤ n = \(n)")
        var a = self
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        var z = Matrix(rows: n, columns: k)
        var support = [Int32](repeating: 0, count: 2 * k)
        let info = a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                z.withUnsafeMutableBufferPointer { zp in
                    support.withUnsafeMutableBufferPointer { sp in
                        LAPACKE.dsyevr(
                            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "I")),
                            Int8(UInt8(ascii: "L")), Int32(n), ap.baseAddress, Int32(n), 0, 0, Int32(n - k + 1),
                            Int32(n), 0, &found, wp.baseAddress, zp.baseAddress, Int32(n), sp.baseAddress)
                    }
                }
            }
        }
        try checkLAPACK(info, routine: "dsyevr") { .notConverged(routine: "dsyevr", remaining: Int($0)) }
        // dsyevr returns the range ascending; reverse to descending.
        let values = (0..<k).map { w[k - 1 - $0] }
        let vectors = Matrix(rows: n, columns: k, columnMajor: (0..<k).flatMap { z.column(k - 1 - $0) })
        return SymmetricEigenpairs(values: values, vectors: vectors)
    }
}
