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
    /// founders only. Variants absent from `associations` take no part. Per index variant the window's candidates
    /// are decoded into a samples × 3K indicator block (one column per genotype class) and the 3×3 genotype tables
    /// against the index come from one `cblas_dgemm`; cost O(S·K) per index for K candidates, memory S × 3K —
    /// only windows are ever decoded, never the whole genome.
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
        var clumped = [Bool](repeating: false, count: fileset.variantCount)
        var result: [LDClump] = []
        for a in order {
            guard a.p <= options.indexPThreshold else { break }
            guard !clumped[a.variant] else { continue }
            clumped[a.variant] = true
            let candidates = windows.neighbours(of: a.variant, closerThan: window).filter { !clumped[$0] }
            let r2 = r2(fileset: fileset, samples: samples, index: a.variant, candidates: candidates)
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
    /// Decodes index and candidates as NaN-for-missing dosages, expands them to 0/1 indicator columns per genotype
    /// class, and forms all 3×3 tables at once as `Iᵀ_index · I_candidates` (`cblas_dgemm`, 3 × 3K).
    static func r2(fileset: PlinkFileset, samples: SampleSubset, index: Int, candidates: [Int]) -> [Double?] {
        guard !candidates.isEmpty else { return [] }
        let dosages = fileset.decode(variants: [index] + candidates, samples: samples, missing: .nan)
        let rows = samples.count
        var indexClasses = Matrix(rows: rows, columns: 3)
        var candidateClasses = Matrix(rows: rows, columns: 3 * candidates.count)
        dosages.storage.withUnsafeBufferPointer { d in
            indexClasses.storage.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows where !d[r].isNaN { out[r + Int(d[r]) * rows] = 1 }
            }
            candidateClasses.storage.withUnsafeMutableBufferPointer { out in
                for k in 0..<candidates.count {
                    let column = (k + 1) * rows
                    for r in 0..<rows where !d[column + r].isNaN {
                        out[r + (3 * k + Int(d[column + r])) * rows] = 1
                    }
                }
            }
        }
        let tables = indexClasses.multiply(candidateClasses, transposeSelf: .transpose)
        return (0..<candidates.count).map { k in
            var counts = [Double](repeating: 0, count: 9)
            for a in 0..<3 { for b in 0..<3 { counts[3 * a + b] = tables[a, 3 * k + b] } }
            return HaplotypeLD.r2(counts: counts)
        }
    }
}
