import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitModels

@Suite struct OriginalScaleTests {
    // Closed form: z = (x − 2)/4, η = 1 + 2z = 0 + 0.5x. Covariance: β = A b with A = [[1, −0.5], [0, 0.25]],
    // so Var(β₁) = Var(b₁)/16 and Cov(β₀, β₁) = (Cov(b₀,b₁) − 0.5·Var(b₁))/4.
    @Test func coefficientsAndCovariance() {
        let t = OriginalScale(center: [2], scale: [4])
        #expect(t.coefficients([1, 2]) == [0, 0.5])
        let sigma = Matrix(rowMajor: [[0.5, 0.1], [0.1, 0.8]])
        let s = t.covariance(sigma)
        #expect(abs(s[1, 1] - 0.8 / 16) < 1e-15)
        #expect(abs(s[0, 1] - (0.1 - 0.5 * 0.8) / 4) < 1e-15)
        #expect(abs(s[0, 0] - (0.5 - 2 * 0.5 * 0.1 + 0.25 * 0.8)) < 1e-15)
    }
}
