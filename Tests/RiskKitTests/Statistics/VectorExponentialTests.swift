import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics

@Suite struct VectorExponentialTests {
    /// Against glibc's `exp` (correctly rounded in practice): within 2 ulp over [−708, 708], dense near 0 where the
    /// logistic link lives, and exactly at the clamps.
    @Test func withinTwoUlpOfLibm() {
        var rng = SplitMix64(seed: 11)
        var worst = 0.0
        for k in 0..<200_000 {
            let scale = k % 2 == 0 ? 40.0 : 708.0
            let x = SIMD4<Double>((0..<4).map { _ in (2 * rng.nextUniform() - 1) * scale })
            let y = VectorExponential.exp(x)
            for i in 0..<4 {
                let reference = Foundation.exp(x[i])
                worst = max(worst, abs(y[i] - reference) / reference.ulp)
            }
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
        let edges = VectorExponential.exp(SIMD4(0, 1, -750, 800))
        #expect(edges[0] == 1 && abs(edges[1] - M_E) <= M_E.ulp)
        #expect(abs(edges[2] - Foundation.exp(-708.0)) <= 2 * Foundation.exp(-708.0).ulp)
        #expect(abs(edges[3] - Foundation.exp(708.0)) <= 2 * Foundation.exp(708.0).ulp)
    }

    /// μ = 1/(1 + e⁻ˣ) and 1 − μ against the same formulas evaluated with libm's exp: μ within 4 ulp, and
    /// 1 − μ within 4 ulp of e⁻ˣ/(1 + e⁻ˣ) (no cancellation for large x).
    @Test func logisticAndItsComplement() {
        var rng = SplitMix64(seed: 5)
        var worst = (mu: 0.0, complement: 0.0)
        for _ in 0..<100_000 {
            let x = SIMD4<Double>((0..<4).map { _ in (2 * rng.nextUniform() - 1) * 40 })
            let (mu, nu) = VectorExponential.logistic(x)
            for i in 0..<4 {
                let e = Foundation.exp(-x[i])
                let m = 1 / (1 + e), c = e / (1 + e)
                worst = (max(worst.mu, abs(mu[i] - m) / m.ulp), max(worst.complement, abs(nu[i] - c) / c.ulp))
            }
        }
        #expect(worst.mu <= 4 && worst.complement <= 4, "worst \(worst)")
    }
}
