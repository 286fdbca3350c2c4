
/// A1 alleles and observed alleles of one variant as plink2 counts them for frequencies (`--freq`, `--maf`, mean
/// imputation in `--score`): two per call, except that on chromosome X a male's call is one observed allele, a
/// heterozygous male call counting half an A1 (plink2 v2.00a3.5, checked against its `.afreq`/`.acount`).
/// Samples of unknown sex count as diploid there, like females.
public struct AlleleTally: Sendable, Equatable {
    /// A1 alleles (a multiple of ½).
    public var allele1Count: Double
    /// Observed alleles (`OBS_CT`).
    public var observations: Int

    /// Creates a tally.
    public init(allele1Count: Double, observations: Int) {
        self.allele1Count = allele1Count
        self.observations = observations
    }

    /// The tally of diploid genotype counts.
    public init(_ counts: GenotypeCounts) {
        self.init(allele1Count: Double(counts.allele1Count), observations: counts.alleleObservations)
    }

    /// A1 frequency among observed alleles; NaN when none was observed.
    public var allele1Frequency: Double { observations == 0 ? .nan : allele1Count / Double(observations) }

    /// min(f, 1 − f); NaN when no allele was observed.
    public var minorAlleleFrequency: Double {
        let f = allele1Frequency
        return Swift.min(f, 1 - f)
    }
}

/// Samples split by `.fam` sex once, for tallying chromosome X alleles (males haploid).
public struct SexSplitSamples: Sendable {
    /// Every sample.
    public let all: SampleSubset
    /// The males (`.fam` sex 1).
    public let males: SampleSubset
    /// Everyone else (females and unknown sex).
    public let others: SampleSubset

    /// Splits `samples` of `fileset` by sex.
    public init(_ samples: SampleSubset, of fileset: PlinkFileset) {
        all = samples
        males = SampleSubset(indices: samples.indices.filter { fileset.samples[$0].sex == 1 }, of: samples.sampleCount)
        others = SampleSubset(indices: samples.indices.filter { fileset.samples[$0].sex != 1 }, of: samples.sampleCount)
    }
}

extension PlinkFileset {
    /// `variant`'s allele tally over `samples` (see ``AlleleTally``): diploid counts, except on chromosome X where
    /// the males' calls are counted once. One or two counting passes (``genotypeCounts(variant:samples:)``).
    public func alleleTally(variant: Int, samples: SexSplitSamples) -> AlleleTally {
        guard variants[variant].isChromosomeX, samples.males.count > 0 else {
            return AlleleTally(genotypeCounts(variant: variant, samples: samples.all))
        }
        let others = genotypeCounts(variant: variant, samples: samples.others)
        let males = genotypeCounts(variant: variant, samples: samples.males)
        return AlleleTally(
            allele1Count: Double(others.allele1Count) + Double(males.homozygousA1) + 0.5 * Double(males.heterozygous),
            observations: others.alleleObservations + males.called)
    }
}
