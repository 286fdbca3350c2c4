import Testing
import RiskKit
@testable import RiskKitStatistics

@Suite struct NormalTests {
    // Reference values: R 4.2.2 `qnorm(c(0.975, 1e-10, 0.3))`, `pnorm(-1.5)`, `2*pnorm(-3)`.
    @Test func quantileMatchesR() {
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-15)
        #expect(abs(Normal.quantile(1e-10) / -6.361340902404056 - 1) < 1e-14)
        #expect(abs(Normal.quantile(0.3) / -0.5244005127080407 - 1) < 1e-14)
    }

    @Test func cdfMatchesR() {
        #expect(abs(Normal.cdf(-1.5) / 0.06680720126885807 - 1) < 1e-14)
        #expect(abs(Normal.twoSidedP(3) / 0.002699796063260189 - 1) < 1e-13)
    }
}
