import Foundation
import RiskKit

/// `inspect` of a polygenic score model (`.prs.json`): how it was built, its variants, its reference distribution,
/// its ancestry reference and its provenance. Table: a summary and the variants with the largest weights; CSV: every
/// variant; JSON: the summary with every variant.
struct PRSInspectReport: Encodable {
    let model: PolygenicScoreModel

    /// Variants shown in the table (largest |weight| first).
    static let tableVariants = 10

    enum CodingKeys: String, CodingKey {
        case format, version, description, method, checksum, variants, reference, ancestry, provenance
        case clumpingThresholding = "clumping_thresholding", penalized, variantCount = "variant_count"
    }

    /// The reference distribution's summary: samples, mean, SD and percentiles.
    struct Reference: Encodable {
        let samples: Int, mean: Double, sd: Double, percentiles: [String: Double]
    }

    /// The ancestry reference's summary.
    struct Ancestry: Encodable {
        let components: Int, variants: Int, referenceSamples: Int, excludedVariants: Int
        enum CodingKeys: String, CodingKey {
            case components, variants, referenceSamples = "reference_samples", excludedVariants = "excluded_variants"
        }
    }

    var reference: Reference {
        let q = model.reference.distribution.quantiles
        let points = ["p01": 10, "p10": 100, "p25": 250, "median": 500, "p75": 750, "p90": 900, "p99": 990]
        return Reference(samples: model.reference.distribution.count, mean: model.reference.mean, sd: model.reference.sd,
                         percentiles: q.count == 1001 ? points.mapValues { q[$0] } : [:])
    }

    var ancestry: Ancestry? {
        model.ancestry.map {
            Ancestry(components: $0.adjustment.componentCount, variants: $0.pca.variants.count,
                     referenceSamples: $0.pca.referenceSampleCount, excludedVariants: $0.pca.excludedVariantCount)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model.format, forKey: .format)
        try c.encode(model.version, forKey: .version)
        try c.encode(model.description, forKey: .description)
        try c.encode(model.method, forKey: .method)
        try c.encode(model.checksum, forKey: .checksum)
        try c.encode(model.variants.count, forKey: .variantCount)
        try c.encode(model.variants, forKey: .variants)
        try c.encode(reference, forKey: .reference)
        try c.encode(ancestry, forKey: .ancestry)
        try c.encode(model.provenance, forKey: .provenance)
        try c.encodeIfPresent(model.clumpingThresholding, forKey: .clumpingThresholding)
        try c.encodeIfPresent(model.penalized, forKey: .penalized)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Every variant: `id,chrom,pos,effect_allele,other_allele,weight,effect_allele_frequency`.
    func csv() -> String {
        var out = "id,chrom,pos,effect_allele,other_allele,weight,effect_allele_frequency\n"
        for v in model.variants {
            out += [v.id, v.chromosome, String(v.position), v.effectAllele, v.otherAllele, String(v.weight),
                    String(v.effectAlleleFrequency)].map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    func table() -> String {
        let m = model
        var out = m.description.map { $0 + "\n\n" } ?? ""
        out += "Polygenic score model: \(m.variants.count) variants, method \(m.method)\n"
        if let ct = m.clumpingThresholding {
            out += "Clumping + thresholding: r² \(formatNumber(ct.clumpR2)), \(formatNumber(ct.clumpKb)) kb, index p ≤ \(formatNumber(ct.clumpP)) "
                + "(LD from \(ct.ldReference)); \(ct.clumps) clumps; p threshold \(formatNumber(ct.chosenThreshold)) chosen on "
                + "\(ct.validationSamples) validation samples (\(ct.validationCases) cases)\n"
        }
        if let p = m.penalized {
            out += "Penalized regression: α \(formatNumber(p.alpha)), λ \(formatNumber(p.lambda)) (\(p.folds)-fold CV; λ_1se \(formatNumber(p.lambda1SE))); "
                + "\(p.trainingSamples) training samples (\(p.trainingCases) cases)"
                + (p.validationAUC.map { "; validation AUC \(formatNumber($0))" } ?? "") + "\n"
        }
        let r = reference
        out += "Reference distribution: \(r.samples) samples, mean \(formatNumber(r.mean)), SD \(formatNumber(r.sd))"
        if let low = r.percentiles["p01"], let median = r.percentiles["median"], let high = r.percentiles["p99"] {
            out += "; 1st, 50th, 99th percentile \(formatNumber(low)), \(formatNumber(median)), \(formatNumber(high))"
        }
        out += "\n"
        if let a = ancestry {
            out += "Ancestry: \(a.components) principal components from \(a.variants) variants in \(a.referenceSamples) reference samples "
                + "(\(a.excludedVariants) excluded); scores can be adjusted for ancestry\n"
        } else {
            out += "Ancestry: no reference principal components (raw scores only)\n"
        }
        let p = m.provenance
        out += "Built \(p.date) by RiskKit \(p.riskkitVersion) from \(p.referenceSamples) reference samples\n"
        for (name, input) in p.inputs.sorted(by: { $0.key < $1.key }) {
            out += "  \(name): \(input.path) (sha256 \(input.sha256.prefix(12))…)\n"
        }
        if !p.variantCounts.isEmpty {
            out += "  variants: " + p.variantCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if let checksum = m.checksum { out += "Checksum: \(checksum)\n" }
        let shown = m.variants.sorted { abs($0.weight) > abs($1.weight) }.prefix(Self.tableVariants)
        out += "\n" + (m.variants.count > shown.count ? "The \(shown.count) largest weights of \(m.variants.count):\n" : "")
        var t = TextTable(header: ["variant", "chrom", "pos", "effect", "other", "weight", "effect freq"], rightAligned: [2, 5, 6])
        for v in shown {
            t.add([v.id, v.chromosome, String(v.position), v.effectAllele, v.otherAllele, formatNumber(v.weight, digits: 6),
                   formatNumber(v.effectAlleleFrequency)])
        }
        return out + t.render()
    }
}
