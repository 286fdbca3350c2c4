import Foundation
import Logging
import RiskKitStatistics
import RiskKitData

extension PenalizedScoreFit {
    /// The PRS model of the chosen λ: its nonzero variants (A1 the effect allele, with the frequencies of the fit),
    /// the reference distribution of the scores of `reference` (returned too), and the provenance — `inputFiles` (role → path,
    /// hashed) and `options` (as given) with the variant counts of the fit.
    /// - Throws: ``DataError`` naming `filesetName`.bed when the chosen λ keeps no variant; ``InputFileError``.
    public func model(
        method: String, fileset: PlinkFileset, filesetName: String, reference: SampleSubset, description: String?,
        inputFiles: [String: String], options: [String: String]
    ) throws -> (model: PolygenicScoreModel, referenceScores: [Double]) {
        guard chosen.nonzeroCount > 0 else {
            throw DataError(file: filesetName + ".bed", "the cross-validated λ keeps no variant: the genotypes do not predict the phenotype beyond the covariates")
        }
        let variants = zip(zip(chosen.variants, chosen.weights), chosen.alleleFrequencies).map { pair, frequency in
            let bim = fileset.variants[pair.0]
            return PolygenicScoreModel.Variant(
                id: bim.id, chromosome: bim.chromosome, position: bim.position, effectAllele: bim.allele1,
                otherAllele: bim.allele2, weight: pair.1, effectAlleleFrequency: frequency)
        }
        let referenceScores = PolygenicScoreModel.score(variants, fileset: fileset, samples: reference).raw
        let provenance = try PolygenicScoreProvenance(
            inputFiles: inputFiles, referenceSamples: reference.count,
            variantCounts: ["used": usedVariantCount, "monomorphic": excludedMonomorphic.count,
                            "without_calls": excludedWithoutCalls.count, "nonzero": chosen.nonzeroCount],
            options: options)
        let model = PolygenicScoreModel(
            description: description, method: method, variants: variants,
            reference: ScoreDistribution(scores: referenceScores), provenance: provenance)
        return (model, referenceScores)
    }

    /// The summary stored in the model: the λ path with its cross-validated measures, the chosen λ and λ_1se, the
    /// `training` set, and, with `validation`, the AUC of `model`'s score on those held-out samples (logged).
    public func summary(
        alpha: Double, folds: Int, training: CaseControlDesign, model: PolygenicScoreModel, fileset: PlinkFileset,
        validation: CaseControlDesign?, logger: Logger
    ) throws -> PenalizedSummary {
        var validationAUC: Double?
        if let validation {
            let rows = model.score(fileset: fileset, samples: validation.samples).raw
            let auc = try BinaryMetrics.auc(outcome: validation.outcome, scores: rows)
            logger.info("held-out AUC of the score on \(rows.count) validation samples: \(String(format: "%.4f", auc))")
            validationAUC = auc
        }
        let cv = crossValidation
        let steps = lambdas.indices.map { k in
            PenalizedSummary.Step(
                lambda: lambdas[k], nonzero: path[k].nonzeroCount,
                cvDeviance: cv.flatMap { k < $0.meanDeviance.count ? $0.meanDeviance[k] : nil },
                cvDevianceSE: cv.flatMap { k < $0.devianceStandardError.count ? $0.devianceStandardError[k] : nil },
                cvAUC: cv.flatMap { k < $0.meanAUC.count ? $0.meanAUC[k] : nil })
        }
        return PenalizedSummary(
            alpha: alpha, folds: folds, lambda: chosen.lambda, lambda1SE: chosenOneStandardError.lambda, path: steps,
            stop: stop.rawValue, trainingSamples: training.outcome.count, trainingCases: training.cases,
            covariates: training.covariateNames, validationSamples: validation?.outcome.count, validationAUC: validationAUC)
    }
}
