internal import CLAPACKE

extension Matrix {
    /// An orthonormal basis of the column space of a tall matrix (`rows ≥ columns`): the `Q` factor of the
    /// Householder QR factorization `A = Q·R` (`dgeqrf`, then `dorgqr` to form the `rows × columns` thin `Q`),
    /// column-major. Column `j` of `Q` spans the same space as columns `0…j` of `A` when `A` has full column rank;
    /// a rank-deficient `A` still gives orthonormal columns. O(2·rows·columns²) flops, one `rows × columns` copy.
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a programming error.
    public func orthonormalizedColumns() throws -> Matrix {
        precondition(rows >= columns, "QR basis needs rows ≥ columns, got \(rows)×\(columns)")
        var q = self
        guard columns > 0 else { return q }
        var tau = [Double](repeating: 0, count: columns)
        let (m, n) = (Int32(rows), Int32(columns))
        let factored = q.withUnsafeMutableBufferPointer { a in
            tau.withUnsafeMutableBufferPointer { t in
                LAPACKE.dgeqrf(LAPACK_COL_MAJOR, m, n, a.baseAddress, m, t.baseAddress)
            }
        }
        try checkLAPACK(factored, routine: "dgeqrf") { .illegalArgument(routine: "dgeqrf", position: Int($0)) }
        let formed = q.withUnsafeMutableBufferPointer { a in
            tau.withUnsafeBufferPointer { t in
                LAPACKE.dorgqr(LAPACK_COL_MAJOR, m, n, n, a.baseAddress, m, t.baseAddress)
            }
        }
        try checkLAPACK(formed, routine: "dorgqr") { .illegalArgument(routine: "dorgqr", position: Int($0)) }
        return q
    }
}
