import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

extension PenalizedScore {
    /// K-fold cross-validation along `lambdas` (see ``PenalizedScoreCrossValidation`` for the summary formulas).
    ///
    /// Fold k: the path is refitted on the samples with another fold index (re-standardized there) and, after each λ,
    /// the held-out linear predictor `β₀ + Z̃γ + Σⱼ βⱼx̃ⱼ` is formed with the training means and scales (a held-out
    /// missing call is 0 after centring, i.e. the training mean). A held-out variant column is decoded once, when
    /// the variant first gets a nonzero coefficient. A fold stops once its held-out deviance has not improved for
    /// ``Options/cvPatience`` λ (or on ``Options/maxActive``). O(n_test · nonzero) per λ on top of the path.
    static func crossValidate(
        fileset: PlinkFileset, samples: SampleSubset, variants: [Int], outcome: [Double], covariates: Matrix?,
        folds: [Int], lambdas: [Double], options: Options, progress: ((String) -> Void)?
    ) throws -> FoldMeasures {
        let k = (folds.max() ?? 0) + 1
        var measures = FoldMeasures()
        for fold in 0..<k {
            let train = folds.indices.filter { folds[$0] != fold }, test = folds.indices.filter { folds[$0] == fold }
            let set = try PenalizedFittingSet(fileset: fileset, samples: samples, rows: train, variants: variants,
                                              statistics: nil, outcome: outcome, covariates: covariates, fold: fold)
            var heldOut = HeldOut(set: set, samples: samples, rows: test, outcome: outcome, covariates: covariates)
            var deviance: [Double] = [], auc: [Double] = []
            var best = 0
            _ = try set.path(lambdas: lambdas, options: options, earlyStops: false,
                             label: "fold \(fold + 1)/\(k)", progress: progress) { l, _, solver in
                let eta = heldOut.linearPredictor(solver)
                deviance.append(StreamedElasticNet.deviance(eta: eta, outcome: heldOut.outcome) / Double(test.count))
                auc.append((try? BinaryMetrics.auc(outcome: heldOut.outcome, scores: eta)) ?? .nan)
                if deviance[l] < deviance[best] { best = l }
                return options.cvPatience == 0 || l - best < options.cvPatience
            }
            measures.deviance.append(deviance)
            measures.auc.append(auc)
            measures.sizes.append(Double(test.count))
        }
        return measures
    }

    /// The CV summary over the first `count` λ, each fold's last value carried forward past the λ it reached.
    static func summarize(folds: [Int], heldOut: FoldMeasures, count: Int) -> PenalizedScoreCrossValidation {
        func extend(_ values: [[Double]]) -> [[Double]] {
            values.map { v in (0..<count).map { v[Swift.min($0, v.count - 1)] } }
        }
        let foldDeviance = extend(heldOut.deviance), foldAUC = extend(heldOut.auc)
        let (meanDeviance, devianceSE) = FoldSummary.weightedMeanAndStandardError(foldDeviance, weights: heldOut.sizes)
        let (meanAUC, aucSE) = FoldSummary.weightedMeanAndStandardError(foldAUC, weights: heldOut.sizes)
        var best = 0
        for l in meanDeviance.indices where meanDeviance[l] < meanDeviance[best] { best = l }
        let oneSE = meanDeviance.indices.first { meanDeviance[$0] <= meanDeviance[best] + devianceSE[best] } ?? best
        return PenalizedScoreCrossValidation(
            folds: folds, meanDeviance: meanDeviance, devianceStandardError: devianceSE, meanAUC: meanAUC,
            aucStandardError: aucSE, foldDeviance: foldDeviance, foldAUC: foldAUC, minimumIndex: best,
            oneStandardErrorIndex: oneSE)
    }

    /// The held-out samples of a fold, standardized with the training statistics; variant columns decoded lazily.
    private struct HeldOut {
        let set: PenalizedFittingSet
        let samples: SampleSubset
        let outcome: [Double]
        let covariates: [Double]
        var columns: [Int: [Double]] = [:]

        init(set: PenalizedFittingSet, samples given: SampleSubset, rows: [Int], outcome: [Double], covariates: Matrix?) {
            self.set = set
            samples = SampleSubset(indices: rows.map { given.indices[$0] }, of: given.sampleCount)
            self.outcome = rows.map { outcome[$0] }
            if let covariates, let standardization = set.standardization {
                self.covariates = standardization.standardized(covariates, rows: rows)
            } else {
                self.covariates = []
            }
        }

        /// `β₀ + Z̃γ + Σⱼ βⱼx̃ⱼ` for the held-out samples at the solver's current fit.
        mutating func linearPredictor(_ solver: StreamedElasticNet) -> [Double] {
            let n = outcome.count
            var eta = [Double](repeating: solver.intercept, count: n)
            for (c, gamma) in solver.covariateCoefficients.enumerated() where gamma != 0 {
                for i in 0..<n { eta[i] += gamma * covariates[i + c * n] }
            }
            let nonzero = solver.nonzeroVariants
            let missing = nonzero.map(\.variant).filter { columns[$0] == nil }
            if !missing.isEmpty {
                let block = set.fileset.decode(variants: missing.map { set.variants[$0] }, samples: samples, missing: .nan)
                for (c, j) in missing.enumerated() {
                    let m = set.statistics.mean[j], s = set.statistics.scale[j]
                    columns[j] = (0..<n).map { i in
                        let x = block.storage[i + c * n]
                        return x.isNaN || s == 0 ? 0 : (x - m) / s
                    }
                }
            }
            for (j, beta) in nonzero {
                let column = columns[j]!
                for i in 0..<n { eta[i] += beta * column[i] }
            }
            return eta
        }
    }
}
