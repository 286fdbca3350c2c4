/// Counts of the four genotype codes of one variant over a set of samples.
public struct GenotypeCounts: Sendable, Equatable {
    /// Homozygous A1 calls (code `00`).
    public var homozygousA1: Int
    /// Heterozygous calls (code `10`).
    public var heterozygous: Int
    /// Homozygous A2 calls (code `11`).
    public var homozygousA2: Int
    /// Missing calls (code `01`).
    public var missing: Int

    /// Creates counts.
    public init(homozygousA1: Int = 0, heterozygous: Int = 0, homozygousA2: Int = 0, missing: Int = 0) {
        self.homozygousA1 = homozygousA1
        self.heterozygous = heterozygous
        self.homozygousA2 = homozygousA2
        self.missing = missing
    }

    /// Non-missing calls.
    public var called: Int { homozygousA1 + heterozygous + homozygousA2 }
    /// All samples counted.
    public var total: Int { called + missing }
    /// Observed copies of A1: 2·homA1 + het.
    public var allele1Count: Int { 2 * homozygousA1 + heterozygous }
    /// Observed alleles: 2 × non-missing calls (plink2's `OBS_CT`).
    public var alleleObservations: Int { 2 * called }
    /// Frequency of A1 (ALT) among observed alleles; `NaN` when nothing was observed.
    public var allele1Frequency: Double {
        called == 0 ? .nan : Double(allele1Count) / Double(alleleObservations)
    }
    /// Minor (non-major) allele frequency min(f, 1 − f); `NaN` when nothing was observed.
    public var minorAlleleFrequency: Double {
        let f = allele1Frequency
        return Swift.min(f, 1 - f)
    }
    /// Missing calls / all samples counted (0 when no samples).
    public var missingRate: Double { total == 0 ? 0 : Double(missing) / Double(total) }
}
