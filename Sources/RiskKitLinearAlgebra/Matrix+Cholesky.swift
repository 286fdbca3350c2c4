import Foundation
internal import CLAPACKE

/// The Cholesky factorization `A = L·Lᵀ` of a symmetric positive-definite matrix (`dpotrf`, lower, column-major).
public struct CholeskyFactor: Sendable {
    /// The lower-triangular factor `L` (the strict upper triangle holds the input's values and is ignored).
    public private(set) var factor: Matrix

    /// Factors `matrix` (only its lower triangle is read). O(n³/3).
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` when a leading minor is not positive.
    public init(_ matrix: Matrix) throws {
        precondition(matrix.rows == matrix.columns, "Cholesky needs a square matrix")
        var a = matrix
        let n = a.rows
        let info = a.withUnsafeMutableBufferPointer { p in
            LAPACKE.dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(Swift.max(1, n)))
        }
        try checkLAPACK(info, routine: "dpotrf") { .notPositiveDefinite(minor: Int($0)) }
        factor = a
    }

    /// The order `n` of the factored matrix.
    public var order: Int { factor.rows }

    /// Solves `A·x = b` for one right-hand side (`dpotrs`). O(n²).
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a programming error.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        precondition(b.count == order, "solve: right-hand side has \(b.count) elements, expected \(order)")
        var x = b
        let n = order
        guard n > 0 else { return x }
        let info = factor.storage.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE.dpotrs(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), 1, l.baseAddress, Int32(n), xp.baseAddress,
                    Int32(n))
            }
        }
        try checkLAPACK(info, routine: "dpotrs")
        return x
    }

    /// Solves `A·X = B` for several right-hand sides stored as the columns of `b` (`dpotrs`).
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a programming error.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        precondition(b.rows == order, "solve: right-hand side has \(b.rows) rows, expected \(order)")
        var x = b
        let n = order
        guard n > 0, b.columns > 0 else { return x }
        let info = factor.storage.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE.dpotrs(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(b.columns), l.baseAddress, Int32(n),
                    xp.baseAddress, Int32(n))
            }
        }
        try checkLAPACK(info, routine: "dpotrs")
        return x
    }

    /// `A⁻¹` from the factor (`dpotri`, then mirrored to a full symmetric matrix). O(2n³/3).
    public func inverse() throws -> Matrix {
        var a = factor
        let n = order
        let info = a.withUnsafeMutableBufferPointer { p in
            LAPACKE.dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(Swift.max(1, n)))
        }
        try checkLAPACK(info, routine: "dpotri") { .singular(pivot: Int($0)) }
        a.symmetrizeFromLower()
        return a
    }

    /// `log det A = 2·Σ log Lᵢᵢ`.
    public var logDeterminant: Double {
        (0..<order).reduce(0) { $0 + 2 * log(factor[$1, $1]) }
    }
}

/// Rank and pivot order from a pivoted Cholesky factorization (`dpstrf`), used to find collinear columns.
public struct PivotedCholesky: Sendable {
    /// Numerical rank found by `dpstrf` with the given tolerance.
    public let rank: Int
    /// Zero-based column indices in pivot order: the first `rank` are linearly independent.
    public let pivots: [Int]

    /// Factors the positive semi-definite `matrix` (lower triangle read). `tolerance` < 0 uses LAPACK's default
    /// (`n·ε·max diag`).
    public init(_ matrix: Matrix, tolerance: Double = -1) throws {
        precondition(matrix.rows == matrix.columns, "pivoted Cholesky needs a square matrix")
        var a = matrix
        let n = a.rows
        var piv = [Int32](repeating: 0, count: n)
        var r: Int32 = 0
        let info = a.withUnsafeMutableBufferPointer { p in
            piv.withUnsafeMutableBufferPointer { pv in
                LAPACKE.dpstrf(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(Swift.max(1, n)),
                    pv.baseAddress, &r, tolerance)
            }
        }
        // info > 0 means rank deficient: that is the answer we want, not a failure.
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "dpstrf", position: Int(-info)) }
        rank = Int(r)
        pivots = piv.map { Int($0) - 1 }
    }
}

/// Turns a LAPACK `info` code into a typed error: negative codes are illegal arguments, positive codes use `positive`
/// (omitted for routines whose only failure is an illegal argument, such as `dpotrs`).
func checkLAPACK(
    _ info: Int32, routine: String, positive: (Int32) -> LinearAlgebraError = { _ in preconditionFailure("no info > 0") }
) throws(LinearAlgebraError) {
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
    if info > 0 { throw positive(info) }
}
