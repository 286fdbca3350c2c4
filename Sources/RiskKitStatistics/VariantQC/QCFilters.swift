import RiskKitData

/// Sample and variant selection and QC with plink2's flags and semantics.
///
/// Order of application (plink2 v2.00a3.5's, as its log shows): `--extract`, `--exclude`, `--keep`, `--remove`,
/// then `--mind` (sample missing rate over the remaining variants), `--geno` (variant missing rate over the
/// remaining samples), `--hwe` and `--maf`. Allele frequencies (`--maf`) and HWE counts use the founders among
/// the remaining samples unless ``nonfounders`` is set; missingness uses all remaining samples. Thresholds compare
/// like plink2: removed when missing rate > `geno`/`mind`, minor allele frequency < `maf` (a variant with no
/// observed allele has none and is removed), HWE p < `hwe`. Allele frequencies count males once on chromosome X
/// (``AlleleTally``); the HWE test treats every variant as diploid autosomal (plink2 uses Graffelman–Weir on X).
public struct QCFilters: Sendable, Equatable {
    /// `--keep` files: samples not named in any are removed.
    public var keep: [String] = []
    /// `--remove` files: samples named in any are removed.
    public var remove: [String] = []
    /// `--extract` files: variants not named in any are removed.
    public var extract: [String] = []
    /// `--exclude` files: variants named in any are removed.
    public var exclude: [String] = []
    /// `--mind`: samples with missing rate above this are removed.
    public var mind: Double?
    /// `--geno`: variants with missing rate above this are removed.
    public var geno: Double?
    /// `--hwe`: variants with HWE exact-test p below this are removed.
    public var hwe: Double?
    /// `--hwe … midp`: use the mid-p exact test (plink2's default is off).
    public var hweMidp = false
    /// `--maf`: variants with minor allele frequency below this are removed.
    public var maf: Double?
    /// `--nonfounders`: use all samples, not only founders, for frequencies and HWE.
    public var nonfounders = false

    /// No filters.
    public init() {}

    /// Applies the filters in plink2's order and returns what remains plus what each filter removed.
    /// - Throws: ``InputFileError`` for an unreadable ID file; ``DataError`` when a threshold is outside [0, 1].
    public func apply(to fileset: PlinkFileset) throws -> (selection: GenotypeSelection, report: QCReport) {
        let thresholds: [(DataError.Code, String, Double?)] = [
            (.sampleMissingRateOutOfRange, "sample missing call rate", mind),
            (.variantMissingRateOutOfRange, "variant missing call rate", geno),
            (.hardyWeinbergPOutOfRange, "Hardy–Weinberg p-value", hwe),
            (.minorAlleleFrequencyOutOfRange, "minor allele frequency", maf),
        ]
        for (code, name, value) in thresholds {
            if let value, !(0...1).contains(value) {
                throw DataError(code: code, "the \(name) threshold \(value) must lie between 0 and 1")
            }
        }
        var sampleKeep = [Bool](repeating: true, count: fileset.sampleCount)
        var variantKeep = [Bool](repeating: true, count: fileset.variantCount)
        var report = QCReport(initialSamples: fileset.sampleCount, initialVariants: fileset.variantCount, steps: [])
        func record(_ filter: String, unmatched: Int = 0, _ change: () throws -> Void) rethrows {
            let s0 = sampleKeep.count { $0 }, v0 = variantKeep.count { $0 }
            try change()
            let s1 = sampleKeep.count { $0 }, v1 = variantKeep.count { $0 }
            report.steps.append(.init(filter: filter, samplesRemoved: s0 - s1, variantsRemoved: v0 - v1,
                                      samplesRemaining: s1, variantsRemaining: v1, unmatchedEntries: unmatched))
        }
        if !extract.isEmpty {
            var ids: [String] = []
            for path in extract { ids += try VariantIDList(path: path).ids }
            let (named, unmatched) = VariantIDList(ids: ids).matches(fileset.variants)
            record("--extract", unmatched: unmatched) { for v in variantKeep.indices where !named[v] { variantKeep[v] = false } }
        }
        if !exclude.isEmpty {
            var ids: [String] = []
            for path in exclude { ids += try VariantIDList(path: path).ids }
            let (named, unmatched) = VariantIDList(ids: ids).matches(fileset.variants)
            record("--exclude", unmatched: unmatched) { for v in variantKeep.indices where named[v] { variantKeep[v] = false } }
        }
        if !keep.isEmpty {
            let (named, unmatched) = try Self.namedSamples(in: keep, of: fileset)
            record("--keep", unmatched: unmatched) { for i in sampleKeep.indices where !named[i] { sampleKeep[i] = false } }
        }
        if !remove.isEmpty {
            let (named, unmatched) = try Self.namedSamples(in: remove, of: fileset)
            record("--remove", unmatched: unmatched) { for i in sampleKeep.indices where named[i] { sampleKeep[i] = false } }
        }
        func selection() -> GenotypeSelection {
            let s = sampleKeep.indices.filter { sampleKeep[$0] }
            return GenotypeSelection(samples: SampleSubset(indices: s, of: fileset.sampleCount),
                                     variants: variantKeep.indices.filter { variantKeep[$0] })
        }
        if let mind {
            let current = selection()
            let missing = fileset.sampleMissingCounts(variants: current.variants, samples: current.samples)
            let limit = QCFilters.countLimit(mind, current.variants.count)
            record("--mind \(mind)") {
                for (p, i) in current.samples.indices.enumerated() where Double(missing[p]) > limit { sampleKeep[i] = false }
            }
        }
        if let geno {
            let current = selection()
            let limit = QCFilters.countLimit(geno, current.samples.count)
            record("--geno \(geno)") {
                for v in current.variants
                where Double(fileset.genotypeCounts(variant: v, samples: current.samples).missing) > limit {
                    variantKeep[v] = false
                }
            }
        }
        if let hwe {
            let current = selection()
            let founders = current.frequencySamples(in: fileset, nonfounders: nonfounders)
            let limit = hwe * (1 - QCFilters.epsilon)
            record("--hwe \(hwe)" + (hweMidp ? " midp" : "")) {
                for v in current.variants {
                    let c = fileset.genotypeCounts(variant: v, samples: founders)
                    let p = HardyWeinbergExactTest.pValue(heterozygous: c.heterozygous, homozygous1: c.homozygousA1,
                                                          homozygous2: c.homozygousA2, midp: hweMidp)
                    if p < limit { variantKeep[v] = false }
                }
            }
        }
        if let maf {
            let current = selection()
            let founders = SexSplitSamples(current.frequencySamples(in: fileset, nonfounders: nonfounders), of: fileset)
            let limit = maf * (1 - QCFilters.epsilon)
            record("--maf \(maf)") {
                for v in current.variants {
                    let f = fileset.alleleTally(variant: v, samples: founders).minorAlleleFrequency
                    if f.isNaN || f < limit { variantKeep[v] = false }
                }
            }
        }
        return (selection(), report)
    }

    /// Relative slack so a value equal to a threshold up to rounding passes, as in plink2 (2⁻⁴⁴).
    static let epsilon = 0x1p-44

    /// The largest count allowed by rate threshold `rate` over `n` items (with rounding slack).
    static func countLimit(_ rate: Double, _ n: Int) -> Double { rate * Double(n) * (1 + epsilon) }
}

extension QCFilters {
    /// Which samples the ID files name (any of them), and how many file entries named no sample.
    private static func namedSamples(in paths: [String], of fileset: PlinkFileset) throws -> (named: [Bool], unmatched: Int) {
        var named = [Bool](repeating: false, count: fileset.sampleCount), unmatched = 0
        for path in paths {
            let m = try SampleIDList(path: path).matches(fileset.samples)
            for i in named.indices where m.named[i] { named[i] = true }
            unmatched += m.unmatchedEntries
        }
        return (named, unmatched)
    }
}
