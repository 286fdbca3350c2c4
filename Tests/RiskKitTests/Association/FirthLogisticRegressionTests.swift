import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels
import RiskKitTestSupport

@Suite struct FirthLogisticRegressionTests {
    /// A 2 × 2 table with a zero cell, fitted with an intercept and a 0/1 exposure: the model is saturated, so Firth's
    /// estimates are the empirical log odds after adding ½ to every cell (Firth 1993; Heinze & Schemper 2002, §2),
    /// and I(θ̂)⁻¹ gives Var(log OR) = 1/(n₁p₁(1 − p₁)) + 1/(n₀p₀(1 − p₀)) with pᵢ = (casesᵢ + ½)/(nᵢ + 1).
    @Test func zeroCellTableHasTheHaldaneClosedForm() throws {
        // exposed: 6 cases, 0 controls; unexposed: 161 cases, 227 controls.
        let cells: [(x: Double, y: Double, count: Int)] = [(1, 1, 6), (1, 0, 0), (0, 1, 161), (0, 0, 227)]
        var x: [Double] = [], y: [Double] = []
        for cell in cells { for _ in 0..<cell.count { x.append(cell.x); y.append(cell.y) } }
        let design = Matrix(rows: x.count, columns: 2, columnMajor: [Double](repeating: 1, count: x.count) + x)
        let fit = try #require(FirthLogisticRegression.fit(design: design, outcome: y))
        let logOR = log((6.5 / 0.5) / (161.5 / 227.5))
        let p1 = 6.5 / 7.0, p0 = 161.5 / 389.0
        let se = (1 / (6 * p1 * (1 - p1)) + 1 / (388 * p0 * (1 - p0))).squareRoot()
        #expect(isApproximatelyEqual(fit.coefficients[1], logOR, relative: 1e-9))
        #expect(isApproximatelyEqual(fit.coefficients[0], log(161.5 / 227.5), relative: 1e-9))
        #expect(isApproximatelyEqual(fit.standardErrors[1], se, relative: 1e-8))
    }
}
