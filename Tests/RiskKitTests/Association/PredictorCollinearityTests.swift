import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitModels

@Suite struct PredictorCollinearityTests {
    /// Two predictors x = (1, 2, 3, 4), z = (1, 3, 2, 4): sample correlation r = 0.8 (Σ(x−x̄)(z−z̄) = 4, each sum of
    /// squares 5), so both VIFs are 1 / (1 − r²) = 2.78 (closed form).
    func sums(_ columns: [[Double]]) -> ([Double], Matrix) {
        let m = columns.count
        var cross = Matrix(rows: m, columns: m)
        for a in 0..<m { for b in 0..<m { cross[a, b] = zip(columns[a], columns[b]).reduce(0) { $0 + $1.0 * $1.1 } } }
        return (columns.map { $0.reduce(0, +) }, cross)
    }

    @Test func vifThresholdAndCorrelationThreshold() {
        let (s, c) = sums([[1, 2, 3, 4], [1, 3, 2, 4]])
        #expect(PredictorCollinearity(maxCorrelation: 0.999, maxVIF: 2.8).check(sums: s, crossProducts: c, n: 4) == nil)
        #expect(PredictorCollinearity(maxCorrelation: 0.999, maxVIF: 2.7).check(sums: s, crossProducts: c, n: 4) == .vifTooHigh)
        #expect(PredictorCollinearity(maxCorrelation: 0.79, maxVIF: 50).check(sums: s, crossProducts: c, n: 4) == .correlationTooHigh)
    }

    /// z = x + y: every pairwise |r| < 0.999 but the correlation matrix is singular.
    @Test func exactLinearCombinationIsInfinite() {
        let x: [Double] = [1, 0, 2, 5, 3, 1], y: [Double] = [0, 2, 1, 1, 4, 3]
        let (s, c) = sums([x, y, zip(x, y).map(+)])
        let result = PredictorCollinearity().check(sums: s, crossProducts: c, n: 6)
        #expect(result == .vifInfinite || result == .vifTooHigh)
        let (s1, c1) = sums([x, [3, 3, 3, 3, 3, 3]])
        #expect(PredictorCollinearity().check(sums: s1, crossProducts: c1, n: 6) == .vifInfinite)
    }
}
