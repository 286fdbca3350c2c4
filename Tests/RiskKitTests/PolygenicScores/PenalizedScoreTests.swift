import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
import RiskKitTestSupport

/// Penalized scores against R 4.2.2 + glmnet 4.1-6 on the lasso-small fixture (300 fitted samples of 322, 400
/// variants, 2% missing calls, AGE and BMI as unpenalized covariates). The R script is Fixtures/lasso-glmnet.R (run by
/// lasso-fixtures.sh): it decodes the .bed itself, mean-imputes, computes λ_max from the covariates-only `glm`, and
/// fits `glmnet(family = "binomial", standardize = TRUE, thresh = 1e-20, penalty.factor = c(0, 0, 1, …))` on the
/// same 20 λ; the CV reference refits glmnet per fold by hand with the folds of lasso-folds.txt. Both solvers run to
/// KKT residuals of order 1e-11; reached: dosage-scale weights within 2e-8 (lasso) and 2e-8 (α = 0.5), intercept and
/// covariates within 7e-8, CV deviance within 2e-10 and AUC within 1e-15 (the bounds below leave headroom).
@Suite struct PenalizedScoreTests {
    /// One λ of a reference path: λ, intercept, AGE, BMI and the nonzero variant weights by variant ID.
    struct ReferenceFit {
        var lambda = 0.0, intercept = 0.0, age = 0.0, bmi = 0.0, deviance = 0.0
        var weights: [String: Double] = [:]
    }

    /// The fileset, the samples with phenotype 1/2, their 0/1 outcome and their (AGE, BMI) covariates.
    static func load() throws -> (PlinkFileset, SampleSubset, [Double], Matrix) {
        let fileset = try PlinkFileset(prefix: fixturePath("lasso-small"))
        let selected = fileset.samples.indices.filter { fileset.samples[$0].phenotype != "-9" }
        let outcome = selected.map { fileset.samples[$0].phenotype == "2" ? 1.0 : 0.0 }
        let lines = try String(contentsOfFile: fixturePath("lasso-small.covar"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
        let rows = selected.map { [Double(lines[$0][2])!, Double(lines[$0][3])!] }
        return (fileset, SampleSubset(indices: selected, of: fileset.sampleCount), outcome, Matrix(rowMajor: rows))
    }

    /// A reference path file, one entry per λ index.
    static func reference(_ name: String) throws -> [ReferenceFit] {
        var fits: [ReferenceFit] = []
        for line in try String(contentsOfFile: fixturePath(name), encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            let index = Int(f[0])!, value = Double(f[3])!
            if index == fits.count { fits.append(ReferenceFit(lambda: Double(f[1])!)) }
            switch f[2] {
            case "INTERCEPT": fits[index].intercept = value
            case "AGE": fits[index].age = value
            case "BMI": fits[index].bmi = value
            case "DEVIANCE": fits[index].deviance = value
            default: fits[index].weights[f[2]] = value
            }
        }
        return fits
    }

    /// Largest absolute differences (intercept/covariates, variant weights) between our path and glmnet's.
    static func compare(_ fit: PenalizedScoreFit, _ reference: [ReferenceFit], fileset: PlinkFileset) -> (Double, Double) {
        var worstFixed = 0.0, worstWeight = 0.0
        for (model, ref) in zip(fit.path, reference) {
            worstFixed = max(worstFixed, abs(model.intercept - ref.intercept), abs(model.covariateCoefficients[0] - ref.age),
                             abs(model.covariateCoefficients[1] - ref.bmi))
            var ours: [String: Double] = [:]
            for (v, w) in zip(model.variants, model.weights) { ours[fileset.variants[v].id] = w }
            for id in Set(ours.keys).union(ref.weights.keys) {
                worstWeight = max(worstWeight, abs((ours[id] ?? 0) - (ref.weights[id] ?? 0)))
            }
        }
        return (worstFixed, worstWeight)
    }

    static func pathOptions(alpha: Double, threads: Int) -> PenalizedScore.Options {
        PenalizedScore.Options(alpha: alpha, lambdaCount: 20, folds: 0, minDevianceRatioChange: 0, maxDevianceRatio: 1,
                               tolerance: 1e-20, threads: threads)
    }

    @Test func lassoPathMatchesGlmnet() throws {
        let (fileset, samples, outcome, covariates) = try Self.load()
        let reference = try Self.reference("lasso-ref-path-a1.tsv")
        let fit = try PenalizedScore.fit(fileset: fileset, samples: samples, variants: Array(0..<fileset.variantCount),
                                         outcome: outcome, covariates: covariates, options: Self.pathOptions(alpha: 1, threads: 2))
        #expect(fit.stop == .completed)
        #expect(fit.lambdas.count == 20 && reference.count == 20)
        for (ours, theirs) in zip(fit.lambdas, reference.map(\.lambda)) { #expect(isApproximatelyEqual(ours, theirs, relative: 1e-10)) }
        // Generator: variant index 100 (ls101) is all heterozygous, index 200 (ls201) has no calls.
        #expect(fit.excludedMonomorphic == [100])
        #expect(fit.excludedWithoutCalls == [200])
        #expect(fit.usedVariantCount == 398)
        let (fixed, weights) = Self.compare(fit, reference, fileset: fileset)
        #expect(fixed < 2e-7)
        #expect(weights < 2e-7)
        // glmnet leaves a weight of order 1e-10 at λ_max on the variant attaining it; we return exactly zero there.
        #expect(fit.path.map(\.nonzeroCount) == reference.map { $0.weights.values.filter { abs($0) > 1e-9 }.count })
        // The dosage-scale model scores the fitted samples (missing calls imputed with 2·frequency) to glmnet's
        // deviance(fit) at every λ.
        for (model, ref) in zip(fit.path, reference) {
            let eta = try model.linearPredictor(fileset: fileset, samples: samples, covariates: covariates)
            let deviance = zip(eta, outcome).reduce(0.0) { $0 + 2 * (log1p(exp($1.0)) - $1.1 * $1.0) }
            #expect(isApproximatelyEqual(deviance, ref.deviance, relative: 1e-9))
            #expect(isApproximatelyEqual(model.deviance, ref.deviance, relative: 1e-9))
        }
    }

    @Test func rejectsBadInputs() throws {
        let (fileset, samples, outcome, covariates) = try Self.load()
        let all = Array(0..<fileset.variantCount)
        func error(_ outcome: [Double], _ variants: [Int], _ options: PenalizedScore.Options = .init(folds: 0)) -> PenalizedScoreError? {
            do {
                _ = try PenalizedScore.fit(fileset: fileset, samples: samples, variants: variants, outcome: outcome,
                                           covariates: covariates, options: options)
                return nil
            } catch {
                return error as? PenalizedScoreError
            }
        }
        #expect(error(outcome.map { $0 * 2 }, all) == .invalidInput("the outcome must be coded 0/1"))
        #expect(error(outcome, [3, 3]) == .invalidInput("the variant list repeats a variant"))
        #expect(error(outcome, [100, 200]) == .noUsableVariants(monomorphic: 1, withoutCalls: 1))
        #expect(error(outcome, all, .init(alpha: 0)) == .invalidInput("alpha must be in (0, 1], not 0.0"))
    }

    @Test func elasticNetPathMatchesGlmnet() throws {
        let (fileset, samples, outcome, covariates) = try Self.load()
        let reference = try Self.reference("lasso-ref-path-a05.tsv")
        let fit = try PenalizedScore.fit(fileset: fileset, samples: samples, variants: Array(0..<fileset.variantCount),
                                         outcome: outcome, covariates: covariates, options: Self.pathOptions(alpha: 0.5, threads: 1))
        #expect(fit.lambdas.count == 20)
        for (ours, theirs) in zip(fit.lambdas, reference.map(\.lambda)) { #expect(isApproximatelyEqual(ours, theirs, relative: 1e-10)) }
        let (fixed, weights) = Self.compare(fit, reference, fileset: fileset)
        #expect(fixed < 2e-7)
        #expect(weights < 2e-7)
    }

    @Test func crossValidationMatchesGlmnetByFold() throws {
        let (fileset, samples, outcome, covariates) = try Self.load()
        let folds = try String(contentsOfFile: fixturePath("lasso-folds.txt"), encoding: .utf8)
            .split(separator: "\n").map { Int($0)! }
        // The first 12 of the 20 λ (explicit λ values; the solution at each λ does not depend on the later ones).
        let rows = try String(contentsOfFile: fixturePath("lasso-ref-cv-a1.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().prefix(12).map { $0.split(separator: "\t").map { Double($0)! } }
        var options = Self.pathOptions(alpha: 1, threads: 2)
        options.foldAssignment = folds
        options.lambdas = rows.map { $0[1] }
        let fit = try PenalizedScore.fit(fileset: fileset, samples: samples, variants: Array(0..<fileset.variantCount),
                                         outcome: outcome, covariates: covariates, options: options)
        let cv = try #require(fit.crossValidation)
        #expect(cv.meanDeviance.count == 12)
        for (l, row) in rows.enumerated() {
            #expect(abs(cv.meanDeviance[l] - row[2]) < 1e-8)
            #expect(abs(cv.devianceStandardError[l] - row[3]) < 1e-8)
            #expect(abs(cv.meanAUC[l] - row[4]) < 1e-12)
            #expect(abs(cv.aucStandardError[l] - row[5]) < 1e-12)
        }
        // R: which.min(cvm) - 1 = 4; the 1-SE rule's largest λ with cvm ≤ cvm[5] + cvsd[5].
        let best = rows.indices.min { rows[$0][2] < rows[$1][2] }!
        #expect(cv.minimumIndex == best)
        #expect(cv.oneStandardErrorIndex == rows.indices.first { rows[$0][2] <= rows[best][2] + rows[best][3] })
        #expect(fit.chosen == fit.path[best])
    }
}
