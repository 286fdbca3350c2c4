import Testing
import RiskKit
@testable import RiskKitModels
@testable import RiskKitSimulation

@Suite struct CohortSimulationTests {
    @Test func sameSeedSameCohortAndPanelScaled() throws {
        func run(_ seed: UInt64) throws -> [String] {
            var rows: [String] = []
            _ = try CohortSimulation(individuals: 50, snps: 20, seed: seed).run(cohortRow: { rows.append($0) }, genotypeRow: { _, _ in })
            return rows
        }
        #expect(try run(3) == run(3))
        #expect(try run(3) != run(4))
        // The panel's genetic SD is scaled to exactly geneticSD: Σ β²·2f(1−f) = 0.25 (before rounding f).
        let panel = CohortSimulation.snpPanel(count: 200)
        let variance = panel.reduce(0.0) { $0 + $1.effect * $1.effect * 2 * $1.frequency * (1 - $1.frequency) }
        #expect(abs(variance.squareRoot() - 0.5) < 1e-3)
        #expect(panel.filter { $0.effect != 0 }.count == 20)
    }
}
