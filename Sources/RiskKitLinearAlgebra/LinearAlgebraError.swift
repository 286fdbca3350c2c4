/// Failures reported by LAPACK routines, translated from their `info` codes.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The leading minor of this order (1-based) is not positive definite (`dpotrf` info > 0).
    case notPositiveDefinite(minor: Int)
    /// The factor has an exact zero pivot at this 1-based position (`dgetrf`/`dpotri` info > 0).
    case singular(pivot: Int)
    /// A LAPACK argument was illegal (`info` < 0): a programming error surfaced as a value.
    case illegalArgument(routine: String, position: Int)
    /// An iterative LAPACK routine stopped before converging (`dgesvd` info > 0: this many superdiagonals left).
    case notConverged(routine: String, remaining: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            return "matrix is not positive definite (leading minor \(minor))"
        case .singular(let pivot):
            return "matrix is singular (zero pivot at \(pivot))"
        case .illegalArgument(let routine, let position):
            return "\(routine): argument \(position) is illegal"
        case .notConverged(let routine, let remaining):
            return "\(routine) did not converge (\(remaining) superdiagonals left); the matrix may hold NaN or infinite values"
        }
    }
}
