import RiskKitData

/// LD clumping of association results with PLINK 1.9 `--clump` semantics (without `--clump-allow-overlap`).
///
/// Index variants are taken in ascending p (ties: ascending `.bim` index); a variant with p ≤ p1 that no earlier
/// clump holds starts a clump and absorbs every listed variant that is not yet clumped, lies on the same chromosome
/// strictly closer than ⌊kb·1000⌋ bp, and has haplotype r² (``HaplotypeLD``) with the index strictly above the
/// threshold. Absorbed variants with p < p2 are the clump's members (PLINK's `SP2`); the others (p ≥ p2) are
/// absorbed too — PLINK counts them in `TOTAL` and they can no longer start a clump. r² is computed over the given
/// LD samples with both calls. All chromosomes are treated as diploid autosomes.
public enum LDClumping {
    /// The clumps of `associations` in PLINK's order (ascending index p), using `samples` of `fileset` for LD.
    ///
    /// Pass the founders of the analysed selection as `samples` to reproduce PLINK 1.9, which computes LD over
    /// founders only. Variants absent from `associations` take no part. Per index variant, the 3×3 genotype table
    /// with each not-yet-clumped candidate of its window is counted from the packed `.bed` records (bit sets of the
    /// three genotype classes, AND + popcount): O(N/32) word operations per pair, O(N/32) memory, nothing decoded
    /// to doubles. (A dense indicator block with a 3 × N × 3K `cblas_dgemm` per index was 15× slower than PLINK 1.9
    /// on `riskkit-bench clump`; the skinny product and the per-window decoding dominate.)
    /// - Throws: ``DataError`` for invalid options, a variant index outside the fileset, a variant listed twice, or
    ///   a p-value that is not a number in [0, 1].
    public static func clumps(fileset: PlinkFileset, samples: SampleSubset, associations: [VariantPValue],
                              options: ClumpingOptions) throws -> [LDClump] {
        try options.validate()
        precondition(samples.sampleCount == fileset.sampleCount, "subset is for another fileset")
        var pOf = [Double](repeating: .nan, count: fileset.variantCount)
        for a in associations {
            guard a.variant >= 0, a.variant < fileset.variantCount else {
                throw DataError("variant index \(a.variant) is outside the fileset's \(fileset.variantCount) variants")
            }
            guard a.p >= 0, a.p <= 1 else {
                throw DataError(column: "P", "variant `\(fileset.variants[a.variant].id)` has p-value \(a.p); p-values must be numbers in [0, 1]")
            }
            guard pOf[a.variant].isNaN else {
                throw DataError("variant `\(fileset.variants[a.variant].id)` is listed twice in the association results")
            }
            pOf[a.variant] = a.p
        }
        let windows = ChromosomeWindows(fileset: fileset, variants: associations.map(\.variant).sorted())
        let order = associations.sorted { ($0.p, $0.variant) < ($1.p, $1.variant) }
        let window = options.windowBasePairs
        let mask = fileset.selectionMask(samples)
        var clumped = [Bool](repeating: false, count: fileset.variantCount)
        var result: [LDClump] = []
        for a in order {
            guard a.p <= options.indexPThreshold else { break }
            guard !clumped[a.variant] else { continue }
            clumped[a.variant] = true
            let candidates = windows.neighbours(of: a.variant, closerThan: window).filter { !clumped[$0] }
            let r2 = r2(fileset: fileset, mask: mask, index: a.variant, candidates: candidates)
            var members: [Int] = [], weakMembers: [Int] = []
            for (k, v) in candidates.enumerated() {
                if let value = r2[k], value > options.r2Threshold {
                    if pOf[v] < options.memberPThreshold { members.append(v) } else { weakMembers.append(v) }
                    clumped[v] = true
                }
            }
            result.append(LDClump(index: a.variant, p: a.p, members: members.sorted(), weakMembers: weakMembers.sorted()))
        }
        return result
    }

    /// Haplotype r² of `index` with each of `candidates` over `samples` with both calls (`nil` where undefined).
    ///
    /// The index's genotype classes are taken once as bit sets; each candidate's 3×3 table comes straight from its
    /// memory-mapped `.bed` record by AND + popcount (``PlinkFileset/genotypeTable(_:_:)``), O(N/32) words per pair.
    package static func r2(fileset: PlinkFileset, samples: SampleSubset, index: Int, candidates: [Int]) -> [Double?] {
        r2(fileset: fileset, mask: fileset.selectionMask(samples), index: index, candidates: candidates)
    }

    /// As ``r2(fileset:samples:index:candidates:)`` with the selection mask already built.
    static func r2(fileset: PlinkFileset, mask: [UInt64], index: Int, candidates: [Int]) -> [Double?] {
        guard !candidates.isEmpty else { return [] }
        let classes = fileset.genotypeClasses(index, mask: mask)
        return candidates.map { HaplotypeLD.r2(counts: fileset.genotypeTable(classes, $0)) }
    }
}
