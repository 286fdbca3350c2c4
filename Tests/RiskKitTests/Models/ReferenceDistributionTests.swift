import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct ReferenceDistributionTests {
    // Closed form: values 0, 1, …, 100 have type-7 quantile q(p) = 100p, so percentile(x) = x.
    @Test func percentileOfUniformGrid() {
        let d = ReferenceDistribution(values: (0...100).map(Double.init).reversed(), points: 101)
        #expect(d.count == 101)
        #expect(d.quantiles.first == 0 && d.quantiles.last == 100)
        #expect(abs(d.percentile(of: 37.5) - 37.5) < 1e-12)
        #expect(d.percentile(of: -1) == 0)
        #expect(d.percentile(of: 1000) == 100)
    }

    @Test func tiesPlaceTheValueMidRun() {
        // Half the values are 0, half are 1: a risk of 0 sits in the middle of the flat run from 0 to 50.
        let d = ReferenceDistribution(values: Array(repeating: 0, count: 50) + Array(repeating: 1, count: 50), points: 11)
        #expect(d.percentile(of: 0) == 0)
        #expect(d.percentile(of: 1) == 100)
        #expect(d.percentile(of: 0.5) == 50)
    }
}
