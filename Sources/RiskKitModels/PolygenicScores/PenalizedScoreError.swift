
/// Why a penalized polygenic score could not be fitted; each message says what to change.
public enum PenalizedScoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Inputs whose shapes or values break the contract (lengths, outcome not 0/1, non-finite covariates, options).
    case invalidInput(String)
    /// A covariate column takes a single value over the samples fitted (`fold` is nil for the full data).
    case constantCovariate(column: Int, fold: Int?)
    /// Every listed variant is monomorphic or has no calls among the samples.
    case noUsableVariants(monomorphic: Int, withoutCalls: Int)
    /// The IRLS / coordinate-descent iterations did not converge at this λ.
    case notConverged(lambda: Double, iterations: Int)

    public var description: String {
        switch self {
        case .invalidInput(let message):
            return message
        case .constantCovariate(let column, let fold):
            return "covariate column \(column + 1) has the same value for every sample"
                + (fold.map { " in the training part of cross-validation fold \($0 + 1)" } ?? "")
                + "; remove it (it cannot be standardized)"
        case .noUsableVariants(let monomorphic, let withoutCalls):
            return "no variant can enter the model: \(monomorphic) are monomorphic and \(withoutCalls) have no calls "
                + "among the selected samples"
        case .notConverged(let lambda, let iterations):
            return "coordinate descent did not converge at lambda \(lambda) in \(iterations) iterations; "
                + "raise maxIterations or the tolerance, or stop the path at a larger lambda (lambdaMinRatio)"
        }
    }
}
