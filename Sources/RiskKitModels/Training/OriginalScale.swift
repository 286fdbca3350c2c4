import RiskKitLinearAlgebra

/// Undoes the internal standardization of a fit: `z_j = (x_j − c_j)/s_j` on the design's columns 1…p.
///
/// With `A` the (p+1)×(p+1) map `β = A·b` (`β₀ = b₀ − Σ b_j c_j/s_j`, `β_j = b_j/s_j`), coefficients become
/// `A·b` and the covariance `A·Σ·Aᵀ` (two `dgemm`s, O(p³)); the linear predictor is unchanged.
public struct OriginalScale: Sendable {
    /// Column means subtracted before scaling (one per non-intercept column).
    public let center: [Double]
    /// Column scales divided by (one per non-intercept column).
    public let scale: [Double]

    /// Creates the map for the given centers and scales.
    public init(center: [Double], scale: [Double]) {
        precondition(center.count == scale.count, "one scale per center")
        self.center = center
        self.scale = scale
    }

    /// The map `A`, column-major.
    public var map: Matrix {
        let p = center.count
        var a = Matrix(rows: p + 1, columns: p + 1)
        a[0, 0] = 1
        for j in 0..<p {
            a[0, j + 1] = -center[j] / scale[j]
            a[j + 1, j + 1] = 1 / scale[j]
        }
        return a
    }

    /// Coefficients on the original scale.
    public func coefficients(_ b: [Double]) -> [Double] {
        var beta = b
        for j in 0..<center.count {
            beta[j + 1] = b[j + 1] / scale[j]
            beta[0] -= b[j + 1] * center[j] / scale[j]
        }
        return beta
    }

    /// Covariance on the original scale: `A·Σ·Aᵀ`.
    public func covariance(_ sigma: Matrix) -> Matrix {
        let a = map
        return a.multiply(sigma).multiply(a, transposeOther: .transpose)
    }
}
