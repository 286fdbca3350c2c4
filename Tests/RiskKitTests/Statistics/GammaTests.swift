import Foundation
import Testing
import RiskKit
@testable import RiskKitStatistics

@Suite struct GammaTests {
    // Reference: R 4.2.2,
    //   x  <- c(0.5, 1, 3.84, 10, 30, 100, 400, 1000, 1400, 0.001, 7.4311070107360395, 20, 200)
    //   df <- c(1, 2, 1, 8, 8, 3, 20, 10, 2, 5, 8, 40, 150)
    //   sprintf("%.17g", pchisq(x, df, lower.tail = FALSE))
    static let pchisqUpper: [(x: Double, df: Double, expected: Double)] = [
        (0.5, 1, 0.47950012218695348),
        (1, 2, 0.60653065971263342),
        (3.84, 1, 0.050043521248705224),
        (10, 8, 0.26502591529736175),
        (30, 8, 0.00021137850346676166),
        (100, 3, 1.5541594313896051e-21),
        (400, 20, 2.0440955935807322e-72),
        (1000, 10, 1.8702907209159495e-208),
        (1400, 2, 9.8596765437597708e-305),
        (0.001, 5, 0.99999999831851227),
        (7.4311070107360395, 8, 0.49091171460126232),
        (20, 40, 0.99654565802414319),
        (200, 150, 0.0039731859708216086),
    ]

    @Test(arguments: pchisqUpper)
    func chiSquareUpperTailMatchesR(_ row: (x: Double, df: Double, expected: Double)) {
        let q = ChiSquared.upperTail(row.x, degreesOfFreedom: row.df)
        #expect(abs(q / row.expected - 1) < 1e-12, "x = \(row.x), df = \(row.df): \(q)")
    }

    // Closed forms: Q(1, x) = e^{−x}; Q(1/2, x) = erfc(√x); P + Q = 1.
    @Test func closedForms() {
        for x in [0.01, 0.7, 1.5, 3, 12, 80, 600] {
            #expect(abs(Gamma.regularizedUpper(1, x) / exp(-x) - 1) < 1e-13)
            #expect(abs(Gamma.regularizedUpper(0.5, x) / erfc(x.squareRoot()) - 1) < 1e-12)
            #expect(abs(Gamma.regularizedLower(3, x) + Gamma.regularizedUpper(3, x) - 1) < 1e-15)
        }
    }

    // Edges follow R 4.2.2: pchisq(0, 0, lower.tail = FALSE) = 1, pchisq(1, 0, lower.tail = FALSE) = 0,
    // pchisq(0, 4, lower.tail = FALSE) = 1.
    @Test func edges() {
        #expect(ChiSquared.upperTail(0, degreesOfFreedom: 0) == 1)
        #expect(ChiSquared.upperTail(1, degreesOfFreedom: 0) == 0)
        #expect(ChiSquared.upperTail(0, degreesOfFreedom: 4) == 1)
        #expect(Gamma.regularizedUpper(2, .infinity) == 0)
        #expect(Gamma.regularizedLower(2, 0) == 0)
    }
}
