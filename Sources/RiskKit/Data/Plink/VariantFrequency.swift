/// Allele frequency and missingness of one variant, as in plink2's `.afreq` and `.vmiss` reports.
public struct VariantFrequency: Sendable, Equatable {
    /// The variant's `.bim` index.
    public var variant: Int
    /// Genotype counts over the frequency samples (founders unless `nonfounders`), from which `.afreq` comes.
    public var frequencyCounts: GenotypeCounts
    /// Missing calls over all selected samples (`.vmiss` `MISSING_CT`).
    public var missingCount: Int
    /// Selected samples (`.vmiss` `OBS_CT`).
    public var sampleCount: Int

    /// Creates the record.
    public init(variant: Int, frequencyCounts: GenotypeCounts, missingCount: Int, sampleCount: Int) {
        self.variant = variant
        self.frequencyCounts = frequencyCounts
        self.missingCount = missingCount
        self.sampleCount = sampleCount
    }

    /// Frequency of A1 (ALT) over observed alleles of the frequency samples (`ALT_FREQS`); `NaN` if none.
    public var altFrequency: Double { frequencyCounts.allele1Frequency }
    /// Observed alleles among the frequency samples: 2 × non-missing calls (`.afreq` `OBS_CT`).
    public var alleleObservations: Int { frequencyCounts.alleleObservations }
    /// `missingCount / sampleCount` (`F_MISS`; 0 when no samples).
    public var missingRate: Double { sampleCount == 0 ? 0 : Double(missingCount) / Double(sampleCount) }
}

extension PlinkFileset {
    /// Frequencies and missingness of the selected variants over the selected samples, in selection order.
    ///
    /// Frequencies use the founders among the selected samples (plink2's default) unless `nonfounders` is true;
    /// missingness uses every selected sample. Two counting passes per variant (see
    /// ``genotypeCounts(variant:samples:)``); O(M · N) bit work and O(M) memory.
    public func frequencies(_ selection: GenotypeSelection, nonfounders: Bool = false) -> [VariantFrequency] {
        let freqSamples = selection.frequencySamples(in: self, nonfounders: nonfounders)
        let same = freqSamples.count == selection.samples.count
        return selection.variants.map { v in
            let all = genotypeCounts(variant: v, samples: selection.samples)
            let f = same ? all : genotypeCounts(variant: v, samples: freqSamples)
            return VariantFrequency(variant: v, frequencyCounts: f, missingCount: all.missing,
                                    sampleCount: selection.samples.count)
        }
    }
}
