/// The samples and variants of a fileset that an analysis uses: ascending `.fam` and `.bim` indices.
public struct GenotypeSelection: Sendable, Equatable {
    /// Selected samples.
    public var samples: SampleSubset
    /// Selected variant indices, ascending.
    public var variants: [Int]

    /// Creates a selection.
    public init(samples: SampleSubset, variants: [Int]) {
        self.samples = samples
        self.variants = variants
    }

    /// Every sample and variant of `fileset`.
    public static func all(_ fileset: PlinkFileset) -> GenotypeSelection {
        GenotypeSelection(samples: .all(fileset.sampleCount), variants: Array(0..<fileset.variantCount))
    }

    /// The founders among the selected samples (both parental IDs `0`), or all selected samples when
    /// `nonfounders` is true — the set plink2 uses for allele frequencies and HWE.
    public func frequencySamples(in fileset: PlinkFileset, nonfounders: Bool) -> SampleSubset {
        nonfounders ? samples
            : SampleSubset(indices: samples.indices.filter { fileset.samples[$0].isFounder }, of: samples.sampleCount)
    }
}
