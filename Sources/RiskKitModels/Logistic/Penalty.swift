
/// The penalty of a logistic regression fit, in glmnet's parametrisation `λ·[(1−α)/2·‖β‖² + α·‖β‖₁]`.
public enum Penalty: Sendable, Equatable, Hashable {
    /// No penalty: maximum likelihood with Wald inference.
    case none
    /// Ridge, `α = 0`.
    case l2
    /// Lasso, `α = 1`.
    case l1
    /// Elastic net with mixing `alpha` in `[0, 1]` (0 = ridge, 1 = lasso).
    case elasticNet(alpha: Double)

    /// The elastic-net mixing parameter α (0 for `.none`).
    public var alpha: Double {
        switch self {
        case .none, .l2: return 0
        case .l1: return 1
        case .elasticNet(let alpha): return alpha
        }
    }
}
