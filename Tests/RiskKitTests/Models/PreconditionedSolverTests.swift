import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
import RiskKitTestSupport

/// The L-BFGS phase's sampled-Hessian preconditioner changes only the path to the optimum, never the optimum.
@Suite struct PreconditionedSolverTests {
    /// n × (p+1) design: p/2 columns sharing 5 latent factors on raw scales (means up to 50, so the columns are far
    /// from centred), the rest independent 0/1 indicators; effects N(0, 0.1²) on the standardized scale.
    static func problem(n: Int, p: Int) -> (design: Matrix, outcome: [Double], names: [String]) {
        var rng = SplitMix64(seed: 20_251_125)
        var x = Matrix(rows: n, columns: p + 1, repeating: 1)
        let factors = (0..<(5 * n)).map { _ in rng.nextNormal() }
        var eta = [Double](repeating: -1, count: n)
        for j in 1...p {
            let effect = 0.1 * rng.nextNormal()
            if j <= p / 2 {
                let mean = 50 * rng.nextUniform(), sd = 0.5 + 10 * rng.nextUniform()
                for i in 0..<n {
                    let z = 0.6 * factors[i + n * (j % 5)] + 0.8 * rng.nextNormal()
                    x[i, j] = mean + sd * z
                    eta[i] += effect * z
                }
            } else {
                let prevalence = 0.1 + 0.4 * rng.nextUniform()
                for i in 0..<n {
                    x[i, j] = Double(rng.nextBernoulli(prevalence))
                    eta[i] += effect * (x[i, j] - prevalence) / (prevalence * (1 - prevalence)).squareRoot()
                }
            }
        }
        let y = eta.map { Double(rng.nextBernoulli(1 / (1 + exp(-$0)))) }
        return (x, y, ["(Intercept)"] + (1...p).map { "x\($0)" })
    }

    // 2,000 rows: the sample is every row (one workspace block); 6,000 rows: 32-row runs spread over the design.
    @Test(arguments: [2000, 6000])
    func preconditionedPathMatchesFullNewton(rows: Int) throws {
        let data = Self.problem(n: rows, p: 300)
        let newton = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, columnNames: data.names, options: .init(strategy: .fullNewton))
        let quasi = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, columnNames: data.names,
            options: .init(strategy: .quasiNewtonThenNewton))
        #expect(newton.converged && quasi.converged)
        let se = try #require(newton.standardErrors)
        // β to 1e-9 on the scale of each coefficient's own uncertainty (raw-scale β range over 4 orders of magnitude).
        let beta = zip(zip(quasi.coefficients, newton.coefficients), se).map { abs($0.0 - $0.1) / Swift.max(abs($0.1), $1) }
        #expect(beta.max()! < 1e-9)
        // Standard errors come from XᵀWX where the scaled gradient first fell below 1e-7 (documented: ~1e-9 relative).
        #expect(isApproximatelyEqual(try #require(quasi.standardErrors), se, relative: 1e-8))
        #expect(abs(quasi.deviance / newton.deviance - 1) < 1e-13)
    }

    // Independent columns show only sampling noise off the diagonal (noise share near 1: diagonal preconditioner);
    // strongly correlated ones show far more (sampled correlations used). The sample here is every row.
    @Test func sampleIsUsedOnlyForCorrelatedColumns() throws {
        var rng = SplitMix64(seed: 7)
        let n = 4000, p = 40
        var independent = Matrix(rows: n, columns: p + 1, repeating: 1)
        var correlated = independent
        for i in 0..<n {
            let common = rng.nextNormal()
            for j in 1...p {
                independent[i, j] = rng.nextNormal()
                correlated[i, j] = common + 0.3 * rng.nextNormal()
            }
        }
        let y = (0..<n).map { Double($0 % 2) }
        let weight = [Double](repeating: 0.25, count: n)
        let names = (0...p).map { "c\($0)" }
        var preconditioners: [SampledHessianPreconditioner] = []
        for design in [independent, correlated] {
            let problem = try LogisticProblem(design: design, outcome: y, weights: nil, offset: nil, columnNames: names)
            var workspace = HessianWorkspace(rows: n, target: n)
            preconditioners.append(SampledHessianPreconditioner(problem: problem, weight: weight, workspace: &workspace))
        }
        // Expected noise energy ½·41·40/4000 = 0.205; its relative spread is about √(2/820) ≈ 5%.
        #expect(preconditioners[0].noiseShare > 0.8 && !preconditioners[0].usesSample)
        // Correlations 1/1.09 ≈ 0.917 between the 40 features: ≈ 780·0.917² ≈ 656 observed against 0.205 noise.
        #expect(preconditioners[1].noiseShare < 1e-3 && preconditioners[1].usesSample)
    }
}
