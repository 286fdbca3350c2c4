
/// Allele frequency and missingness of one variant, as in plink2's `.afreq` and `.vmiss` reports.
public struct VariantFrequency: Sendable, Equatable {
    /// The variant's `.bim` index.
    public var variant: Int
    /// Allele tally over the frequency samples (founders unless `nonfounders`), from which `.afreq` comes.
    public var tally: AlleleTally
    /// Missing calls over all selected samples (`.vmiss` `MISSING_CT`).
    public var missingCount: Int
    /// Selected samples (`.vmiss` `OBS_CT`).
    public var sampleCount: Int

    /// Creates the record.
    public init(variant: Int, tally: AlleleTally, missingCount: Int, sampleCount: Int) {
        self.variant = variant
        self.tally = tally
        self.missingCount = missingCount
        self.sampleCount = sampleCount
    }

    /// Frequency of A1 (ALT) over observed alleles of the frequency samples (`ALT_FREQS`); `NaN` if none.
    public var altFrequency: Double { tally.allele1Frequency }
    /// Observed alleles among the frequency samples (`.afreq` `OBS_CT`): 2 per call, 1 per male call on X.
    public var alleleObservations: Int { tally.observations }
    /// `missingCount / sampleCount` (`F_MISS`; 0 when no samples).
    public var missingRate: Double { sampleCount == 0 ? 0 : Double(missingCount) / Double(sampleCount) }
}

extension PlinkFileset {
    /// Frequencies and missingness of the selected variants over the selected samples, in selection order.
    ///
    /// Frequencies use the founders among the selected samples (plink2's default) unless `nonfounders` is true,
    /// with males haploid on chromosome X (``AlleleTally``); missingness uses every selected sample. Two counting passes per variant (see
    /// ``genotypeCounts(variant:samples:)``); O(M · N) bit work and O(M) memory.
    public func frequencies(_ selection: GenotypeSelection, nonfounders: Bool = false) -> [VariantFrequency] {
        let freqSamples = SexSplitSamples(selection.frequencySamples(in: self, nonfounders: nonfounders), of: self)
        let same = freqSamples.all.count == selection.samples.count
        return selection.variants.map { v in
            let all = genotypeCounts(variant: v, samples: selection.samples)
            let tally = same && !variants[v].isChromosomeX ? AlleleTally(all) : alleleTally(variant: v, samples: freqSamples)
            return VariantFrequency(variant: v, tally: tally, missingCount: all.missing,
                                    sampleCount: selection.samples.count)
        }
    }
}
