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
        return scores
    }

    /// Builds the polygenic score for `train --bfile PREFIX --prs-weights FILE`: a RiskKit PRS model (`.prs.json`)
    /// as it is, or a PLINK-style / PGS Catalog weight file matched to the fileset, its frequencies and reference
    /// distribution taken from the fileset's samples.
    static func forTraining(genotypes source: GenotypeSource, weights path: String, minOverlap: Double) throws -> GeneticInput {
        let fileset = try source.open()
        log.info("\(fileset.sampleCount) samples, \(fileset.variantCount) variants in \(source.files)")
        if path.hasSuffix(".json") {
            // The risk model embeds the weights, frequencies and reference; ancestry PCs stay in the PRS model file
            // (prs score --model), which keeps the risk model small.
            var model = try PolygenicScoreModel.load(path: path)
            model.ancestry = nil
            model.checksum = nil
            let (scores, match) = try model.scoresByIndividual(in: fileset)
            let unavailable = match.unavailable > 0 ? "; \(match.unavailable) unavailable, counted at their reference mean" : ""
            log.info("polygenic score over \(match.matched) of \(model.variants.count) weighted variants\(unavailable)")
            return GeneticInput(scores: scores, score: model)
        }
        let weights = try ScoreWeights.read(path: path)
        let match = PolygenicScore.match(weights, fileset: fileset, selection: .all(fileset))
        try PolygenicScore.requireOverlap(match, minimum: minOverlap, file: path)
        let inputs = try ([("weights", path)] + source.provenanceFiles).map {
            ($0.0, PolygenicScoreProvenance.Input(path: $0.1, sha256: try FileDigest.sha256(path: $0.1)))
        }
        let counts = Dictionary(match.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
        let provenance = PolygenicScoreProvenance(
            inputs: Dictionary(uniqueKeysWithValues: inputs), referenceSamples: fileset.sampleCount,
            variantCounts: counts, date: ISO8601DateFormatter().string(from: Date()),
            riskkitVersion: RiskKitVersion.current, options: ["prs_weights": path])
        // The fileset's samples are the reference: their scores (every sample, .fam order) are the training values.
        let (model, raw) = PolygenicScoreModel.fromMatchedWeights(
            match, weights: weights, fileset: fileset, samples: .all(fileset.sampleCount), description: nil,
            provenance: provenance)
        log.info("polygenic score over \(match.weights.count) of \(weights.entries.count) weights")
        let scores = try PolygenicScoreModel.byIndividual(raw, in: fileset)
        return GeneticInput(scores: scores, score: model)
    }
}
