import RiskKitData

/// Association results matched to the variants of a fileset by id, with the effect allele oriented to the `.bim`.
public struct StatisticsMatch: Sendable, Equatable {
    /// One matched result.
    public struct Matched: Sendable, Equatable {
        /// The result.
        public var entry: SummaryStatistics.Entry
        /// The variant's `.bim` index.
        public var variant: Int
        /// True when the effect allele is the `.bim` A1 (column 5); false when it is A2.
        public var effectIsA1: Bool

        /// Creates a match.
        public init(entry: SummaryStatistics.Entry, variant: Int, effectIsA1: Bool) {
            self.entry = entry
            self.variant = variant
            self.effectIsA1 = effectIsA1
        }
    }

    /// Matched results, in the order of the statistics file.
    public var matched: [Matched]
    /// Matched results whose effect allele is the `.bim` A2.
    public var swapped: Int
    /// Results whose id is not among the fileset's selected variants.
    public var absent: Int
    /// Results whose effect allele is neither allele of the variant with that id.
    public var alleleMismatch: Int
    /// Repeated ids in the statistics: the first line is used, the others are counted here.
    public var duplicate: Int

    /// Matches `statistics` to the `variants` (`.bim` indices) of `fileset`: same id, effect allele equal to A1 or
    /// A2 (exact codes, no strand flip, as plink's `--clump` and `--score`). A `.bim` id seen twice keeps its first
    /// variant. O(M + results).
    public init(_ statistics: SummaryStatistics, fileset: PlinkFileset, variants: [Int]) {
        let byID = VariantIDIndex(variants.map { fileset.variants[$0].id })
        var seen = Set<String>()
        matched = []
        swapped = 0
        absent = 0
        alleleMismatch = 0
        duplicate = 0
        for entry in statistics.entries {
            guard seen.insert(entry.id).inserted else {
                duplicate += 1
                continue
            }
            guard let k = byID.first(entry.id) else {
                absent += 1
                continue
            }
            let v = variants[k], variant = fileset.variants[v]
            guard let effectIsA1 = AlleleOrientation.effectIsA1(
                effect: entry.effectAllele, other: nil, a1: variant.allele1, a2: variant.allele2) else {
                alleleMismatch += 1
                continue
            }
            matched.append(Matched(entry: entry, variant: v, effectIsA1: effectIsA1))
            if !effectIsA1 { swapped += 1 }
        }
    }

    /// A one-line account of the counts, for logs.
    public var summary: String {
        "\(matched.count) matched (\(swapped) with the effect allele as .bim A2), \(absent) absent, "
            + "\(alleleMismatch) with other alleles, \(duplicate) duplicate ids"
    }
}
