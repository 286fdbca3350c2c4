import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

@Suite struct LogisticRegressionErrorTests {
    /// The fixture's intercept, x1 and x2 plus `extra` columns built from them.
    static func design(_ data: LogisticFixture, extra: [(Double, Double) -> Double]) -> Matrix {
        Matrix(rowMajor: (0..<data.design.rows).map { i in
            let (a, b) = (data.design[i, 1], data.design[i, 2])
            return [1, a, b] + extra.map { $0(a, b) }
        })
    }

    // Closed form: bmi_copy = bmi exactly and combo = bmi + 0.1·weight, so both are linear combinations.
    @Test func collinearColumnsAreNamed() throws {
        let data = try LogisticFixture()
        let x = Self.design(data, extra: [{ a, _ in a }, { a, b in a + 0.1 * b }])
        #expect(throws: LogisticRegressionError.collinearColumns([
            .init(column: "bmi_copy", combinationOf: ["bmi"]),
            .init(column: "combo", combinationOf: ["bmi", "weight"]),
        ])) {
            try LogisticRegression.fit(
                design: x, outcome: data.outcome, columnNames: ["(Intercept)", "bmi", "weight", "bmi_copy", "combo"])
        }
    }

    // Closed form: a shifted copy is a combination of the column and the intercept, also with the quasi-Newton path.
    @Test func shiftedCopyNamesIntercept() throws {
        let data = try LogisticFixture()
        let x = Self.design(data, extra: [{ a, _ in 3 * a - 2 }])
        let error = LogisticRegressionError.collinearColumns([.init(column: "z", combinationOf: ["(Intercept)", "a"])])
        #expect(throws: error) {
            try LogisticRegression.fit(
                design: x, outcome: data.outcome, columnNames: ["(Intercept)", "a", "b", "z"],
                options: .init(strategy: .quasiNewtonThenNewton))
        }
        #expect(error.description.contains("`z` is a linear combination of `(Intercept)`, `a`"))
    }

    // Closed form: y = 1 exactly when x > 5, so x alone separates all 10 rows.
    @Test func singleColumnSeparation() {
        let x = Matrix(rowMajor: (1...10).map { [1, Double($0), Double($0 % 3)] })
        let y = (1...10).map { $0 > 5 ? 1.0 : 0.0 }
        #expect(throws: LogisticRegressionError.separation(features: ["x"], separatedRows: 10)) {
            try LogisticRegression.fit(design: x, outcome: y, columnNames: ["(Intercept)", "x", "z"])
        }
    }

    // Closed form: quasi-complete — every row with flag = 1 has y = 1, rows with flag = 0 have both outcomes.
    @Test func quasiCompleteSeparation() throws {
        let data = try LogisticFixture()
        let flag = data.outcome.enumerated().map { $0.element == 1 && $0.offset % 4 == 0 ? 1.0 : 0.0 }
        let x = Matrix(rowMajor: (0..<flag.count).map { [1, data.design[$0, 1], flag[$0]] })
        #expect(throws: LogisticRegressionError.separation(features: ["flag"], separatedRows: flag.filter { $0 == 1 }.count)) {
            try LogisticRegression.fit(design: x, outcome: data.outcome, columnNames: ["(Intercept)", "x1", "flag"])
        }
    }

    // Closed form: y = [x1 + x2 > 0] separates along a direction no single column does; detected after the fit.
    @Test(arguments: [LogisticRegression.NewtonStrategy.fullNewton, .quasiNewtonThenNewton])
    func multiColumnSeparation(strategy: LogisticRegression.NewtonStrategy) throws {
        let data = try LogisticFixture()
        let x = Matrix(rowMajor: (0..<data.design.rows).map { [1, data.design[$0, 1], (data.design[$0, 2] - 50) / 10] })
        let y = (0..<x.rows).map { x[$0, 1] + x[$0, 2] > 0 ? 1.0 : 0.0 }
        do {
            _ = try LogisticRegression.fit(
                design: x, outcome: y, columnNames: ["(Intercept)", "u", "v"], options: .init(strategy: strategy))
            Issue.record("separation was not detected")
        } catch LogisticRegressionError.separation(let features, let rows) {
            #expect(features == ["u", "v"])
            #expect(rows > 0)
        }
    }

    @Test func nonConvergenceReportsIterations() throws {
        let data = try LogisticFixture()
        do {
            _ = try LogisticRegression.fit(
                design: data.design, outcome: data.outcome, columnNames: data.names, options: .init(maxIterations: 1))
            Issue.record("expected notConverged")
        } catch LogisticRegressionError.notConverged(let iterations, let gradient) {
            #expect(iterations == 1)
            #expect(gradient > 1e-10)
        }
        let loose = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, columnNames: data.names,
            options: .init(maxIterations: 1, requireConvergence: false))
        #expect(!loose.converged)
    }

    @Test func invalidInputsAreReported() {
        let x = Matrix(rowMajor: [[1, 0], [1, 1], [1, 2]])
        #expect(throws: LogisticRegressionError.singleOutcomeClass(outcome: 1)) {
            try LogisticRegression.fit(design: x, outcome: [1, 1, 1], columnNames: ["(Intercept)", "a"])
        }
        #expect(throws: LogisticRegressionError.invalidInput("row 2: outcome 2.0 is not 0 or 1")) {
            try LogisticRegression.fit(design: x, outcome: [0, 2, 1], columnNames: ["(Intercept)", "a"])
        }
        #expect(throws: LogisticRegressionError.invalidInput("row 3: weight -1.0 is not a finite non-negative number")) {
            try LogisticRegression.fit(design: x, outcome: [0, 1, 1], weights: [1, 1, -1], columnNames: ["(Intercept)", "a"])
        }
    }

    @Test func nonFiniteValuesAndABadInterceptAreReported() {
        let names = ["(Intercept)", "a", "b"]
        let nan = Matrix(rowMajor: [[1, 0, 1], [1, 1, .nan], [1, 2, 3]])
        #expect(throws: LogisticRegressionError.invalidInput("row 2, column `b`: nan is not finite")) {
            try LogisticRegression.fit(design: nan, outcome: [0, 1, 1], columnNames: names)
        }
        // A zero weight does not excuse a non-finite value (0·∞ is NaN, so the column sum still flags it).
        let infinite = Matrix(rowMajor: [[1, 0, 1], [1, 1, 2], [1, -.infinity, 3]])
        #expect(throws: LogisticRegressionError.invalidInput("row 3, column `a`: -inf is not finite")) {
            try LogisticRegression.fit(design: infinite, outcome: [0, 1, 1], weights: [1, 1, 0], columnNames: names)
        }
        let shifted = Matrix(rowMajor: [[1, 0, 1], [2, 1, 2], [1, 2, 3]])
        #expect(throws: LogisticRegressionError.invalidInput(
            "column 0 (`(Intercept)`) must be the intercept (all ones); row 2 has 2.0")) {
            try LogisticRegression.fit(design: shifted, outcome: [0, 1, 1], columnNames: names)
        }
    }
}
