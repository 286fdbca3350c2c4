import Foundation
import RiskKit

/// Polygenic scores of a PLINK fileset's samples for models with genetics (train, score and evaluate).
enum GeneticScores {
    /// The scores of every sample of `source` by IID, for `model`'s polygenic score; nil for a model without one.
    /// - Throws: ``DataError`` when the model needs genotypes and `source` is nil.
    static func forModel(_ model: RiskModel, genotypes source: GenotypeSource?) throws -> GenotypeScores? {
        guard let genetics = model.genetics else {
            if let source { log.warning("the model has no polygenic score; \(source.flag) is not used") }
            return nil
        }
        guard let source else {
            throw DataError(column: genetics.feature, "this model includes a polygenic score (`\(genetics.feature)`): "
                            + "give the patients' genotypes with --bfile PREFIX or --vcf FILE")
        }
        let scores = try GenotypeScores(genetics: genetics, fileset: try source.open())
        let unavailable = scores.unavailableVariants > 0
            ? "; \(scores.unavailableVariants) unavailable, counted at their reference mean" : ""
        log.info("polygenic score over \(scores.matchedVariants) of \(genetics.score.variants.count) variants of \(source.variantFile)\(unavailable)")
        if let projection = scores.projection, let ancestry = genetics.score.ancestry {
            log.info("\(projection.matchSummary); score on the \(genetics.scale.rawValue) scale (adjusted for ancestry)")
            let outside = scores.outsideReferenceCount
            if outside > 0 {
                log.warning("\(outside) of \(scores.ancestryByIndividual.count) samples lie outside the score's reference PC cloud (p < \(ancestry.adjustment.outlierLevel)): their genetic part is not assessed (risk at an average genetic background)")
            }
        }
        return scores
    }

    /// Builds the polygenic score for `train --bfile PREFIX|--vcf FILE --prs-weights FILE --prs-scale SCALE`: a RiskKit PRS
    /// model (`.prs.json`) as it is, or a PLINK-style / PGS Catalog weight file matched to the fileset, its
    /// frequencies and reference distribution taken from the fileset's samples. `scale` nil: z2 when the PRS model
    /// has an ancestry reference, raw otherwise.
    /// - Throws: ``DataError`` when an ancestry-adjusted scale is asked for a score without an ancestry reference.
    static func forTraining(genotypes source: GenotypeSource, weights path: String, scale requested: PolygenicScoreScale?,
                            minOverlap: Double, weightFile: WeightFileOptions) throws -> GeneticInput {
        let fileset = try source.openLogged()
        let prsModel = path.hasSuffix(".json") ? try PolygenicScoreModel.load(path: path) : nil
        let scale = requested ?? (prsModel?.ancestry == nil ? .raw : .z2)
        if scale.isAncestryAdjusted && prsModel?.ancestry == nil {
            throw DataError(code: .invalidSetting, file: path, "--prs-scale \(scale.rawValue) adjusts the score for ancestry, but this \(prsModel == nil ? "weight file" : "PRS model") has no ancestry reference: build the score with `prs build --ancestry-pcs K`, or use --prs-scale raw")
        }
        if var model = prsModel {
            // The risk model embeds the weights, frequencies and reference, and, for an adjusted scale, the ancestry
            // reference that computes it for a new patient; a raw-scale model leaves the PCs out, which keeps it small.
            if !scale.isAncestryAdjusted { model.ancestry = nil }
            model.checksum = nil
            let scores = try GenotypeScores(score: model, scale: scale, fileset: fileset)
            let unavailable = scores.unavailableVariants > 0 ? "; \(scores.unavailableVariants) unavailable, counted at their reference mean" : ""
            log.info("polygenic score over \(scores.matchedVariants) of \(model.variants.count) weighted variants\(unavailable)")
            if let projection = scores.projection {
                log.info("\(projection.matchSummary); the model takes the score on the \(scale.rawValue) scale (adjusted for ancestry)")
                let outside = scores.outsideReferenceCount
                if outside > 0 {
                    log.warning("\(outside) training samples lie outside the score's reference PC cloud; their adjusted scores are extrapolations")
                }
            }
            return GeneticInput(scores: scores.byIndividual, score: model, scale: scale)
        }
        let weights = try weightFile.read(path: path)
        let plan = try weightFile.positionPlan(weights, variants: fileset.variants.map(\.alleles))
        let match = PolygenicScore.match(weights, fileset: fileset, selection: .all(fileset), positions: plan.columns)
        try PolygenicScore.requireOverlap(match, minimum: minOverlap, file: path)
        let inputs = try ([("weights", path)] + source.provenanceFiles).map {
            ($0.0, PolygenicScoreProvenance.Input(path: $0.1, sha256: try FileDigest.sha256(path: $0.1)))
        }
        let counts = Dictionary(match.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
        let provenance = PolygenicScoreProvenance(
            inputs: Dictionary(uniqueKeysWithValues: inputs), referenceSamples: fileset.sampleCount,
            variantCounts: counts, date: ISO8601DateFormatter().string(from: Date()),
            riskkitVersion: RiskKitVersion.current,
            options: ["prs_weights": path, "weight_type": weights.weightType?.rawValue ?? "", "positions": plan.summary])
        // The fileset's samples are the reference: their scores (every sample, .fam order) are the training values.
        let (model, raw) = PolygenicScoreModel.fromMatchedWeights(
            match, weights: weights, fileset: fileset, samples: .all(fileset.sampleCount), description: nil,
            provenance: provenance)
        log.info("polygenic score over \(match.weights.count) of \(weights.entries.count) weights")
        let scores = try PolygenicScoreModel.byIndividual(raw, in: fileset)
        return GeneticInput(scores: scores, score: model)
    }
}
