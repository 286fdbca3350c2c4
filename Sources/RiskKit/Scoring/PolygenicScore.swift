import Foundation

/// Polygenic risk scores from a PLINK 1 fileset and matched weights, as `plink2 --score … cols=+scoresums`.
public enum PolygenicScore {
    /// Matches `weights` to the selected variants of `fileset` (see ``ScoreWeights/match(to:keepAmbiguous:)``):
    /// variants removed by QC count as absent, like plink2. The returned variant indices are `.bim` indices.
    public static func match(_ weights: ScoreWeights, fileset: PlinkFileset, selection: GenotypeSelection,
                             keepAmbiguous: Bool = false) -> WeightMatch {
        var result = weights.match(to: selection.variants.map { fileset.variants[$0].alleles }, keepAmbiguous: keepAmbiguous)
        for k in result.weights.indices { result.weights[k].variant = selection.variants[result.weights[k].variant] }
        return result
    }

    /// Throws unless at least `minimum` (0…1) of the weight entries were matched and at least one was.
    ///
    /// - Throws: ``DataError`` naming `file`, the fraction used and the count of entries per status.
    public static func requireOverlap(_ match: WeightMatch, minimum: Double, file: String) throws {
        guard match.weights.isEmpty || match.usedFraction < minimum else { return }
        let counts = match.counts
        let detail = WeightMatchStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            .joined(separator: ", ")
        let used = (match.usedFraction * 1000).rounded() / 10
        throw DataError(file: file, """
            only \(match.weights.count) of \(match.statuses.count) weights (\(used) %) match a genotyped variant, \
            below the required \(minimum * 100) % (\(detail)); check the genome build, variant ids and alleles, \
            or lower --min-overlap
            """)
    }

    /// Scores the selected samples with the matched weights.
    ///
    /// Semantics are plink2 v2.00a3.5's `--score … cols=+scoresums`: each weight multiplies the dosage of its named
    /// allele (A1 dosage d when ``MatchedWeight/countsA1``, else 2 − d). A missing call adds nothing to
    /// `alleleCount` or `namedAlleleDosageSum`; with `meanImputation` it adds weight × 2·f to the sum (f = the named
    /// allele's frequency among the selected founders, or all selected samples when `nonfounders`; 0 when none of
    /// them has a call) and the average divides by 2 × scored variants; without it the call is left out and the
    /// average divides by `alleleCount`. Matched variants need not be in `selection.variants`.
    ///
    /// Algorithm: the packed `.bed` records are never decoded to doubles. For each scored variant a 256-entry table
    /// maps one `.bed` byte (four samples) to the four samples' score contributions (a `SIMD4<Double>`), and a
    /// variant-independent table (one per allele orientation) maps it to their named-allele dosage plus 2¹⁶ × missing
    /// flag (`SIMD4<Int32>`, flushed to 64-bit totals every 16,384 variants before it can overflow); each byte then
    /// costs two SIMD additions into per-four-sample accumulators that stay in cache. All samples of the fileset are accumulated and the selected ones reported. Variants are split into
    /// `threads` contiguous ranges with private accumulators, summed at the end. O(M·N/4) additions, O(N·threads)
    /// memory, plus, with mean imputation, a count of each scored variant's genotypes over the frequency samples (from the
    /// same record, while it is in cache).
    public static func compute(fileset: PlinkFileset, selection: GenotypeSelection, match: WeightMatch,
                               meanImputation: Bool, nonfounders: Bool = false, threads: Int = 2) -> PolygenicScoreResult {
        let weights = match.weights.sorted { $0.variant < $1.variant }
        let frequencySamples = selection.frequencySamples(in: fileset, nonfounders: nonfounders)
        // The named-allele dosage that replaces a missing call, counted just before the variant is scored so its
        // record is read from memory once.
        @Sendable func fill(_ w: MatchedWeight) -> Double {
            guard meanImputation else { return 0 }
            let f = fileset.genotypeCounts(variant: w.variant, samples: frequencySamples).allele1Frequency
            let a1 = f.isNaN ? 0 : 2 * f
            return w.countsA1 ? a1 : 2 - a1
        }
        let groups = (fileset.sampleCount + 3) / 4
        let tables = PackedTables()
        let workers = Swift.max(1, Swift.min(threads, weights.count))
        var partials = [Accumulator](repeating: Accumulator(groups: groups), count: workers)
        partials.withUnsafeMutableBufferPointer { parts in
            nonisolated(unsafe) let base = parts.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let lower = weights.count * worker / workers, upper = weights.count * (worker + 1) / workers
                var accumulator = Accumulator(groups: groups)
                var table = [SIMD4<Double>](repeating: .zero, count: 256)
                for k in lower..<upper {
                    let w = weights[k]
                    // Contribution of each 2-bit code: 0 hom A1, 1 missing, 2 het, 3 hom A2.
                    let hom1 = w.countsA1 ? 2.0 : 0.0
                    let code: [Double] = [w.weight * hom1, w.weight * fill(w), w.weight, w.weight * (2 - hom1)]
                    for b in 0..<256 {
                        table[b] = SIMD4(code[b & 3], code[(b >> 2) & 3], code[(b >> 4) & 3], code[(b >> 6) & 3])
                    }
                    let packed = w.countsA1 ? tables.packedA1 : tables.packedA2
                    fileset.withRecord(w.variant) { record in
                        accumulator.add(record, scores: table, packed: packed)
                    }
                }
                (base + worker).pointee = accumulator
            }
        }
        var total = partials[0]
        total.flush()
        for part in partials.dropFirst() { total.merge(part) }

        let m = weights.count
        let rows = selection.samples.indices.map { r in
            let (g, lane) = (r / 4, r % 4)
            let missing = Int(total.missing[g][lane]), sum = total.scores[g][lane]
            let alleles = 2 * (m - missing)
            let denominator = meanImputation ? 2 * m : alleles
            return PolygenicScoreResult.Sample(
                sample: r, alleleCount: alleles, namedAlleleDosageSum: Double(total.named[g][lane]), scoreSum: sum,
                scoreAverage: denominator == 0 ? .nan : sum / Double(denominator))
        }
        return PolygenicScoreResult(samples: rows, variantCount: m, meanImputation: meanImputation)
    }
}

/// Byte → four samples' named-allele dosage + 2¹⁶ × missing flag, for each allele orientation.
private struct PackedTables {
    let packedA1: [SIMD4<Int32>]
    let packedA2: [SIMD4<Int32>]

    init() {
        func lanes(_ value: (Int) -> Int32) -> [SIMD4<Int32>] {
            (0..<256).map { b in SIMD4(value(b & 3), value((b >> 2) & 3), value((b >> 4) & 3), value((b >> 6) & 3)) }
        }
        // Codes: 0 hom A1, 1 missing, 2 het, 3 hom A2.
        packedA1 = lanes { [2, 1 << 16, 1, 0][$0] }
        packedA2 = lanes { [0, 1 << 16, 1, 2][$0] }
    }
}

/// Per-four-sample running sums of score, named-allele dosage and missing calls.
private struct Accumulator {
    /// Variants added to `packed` before it is flushed: 16,384 × 2 < 2¹⁶ and 16,384 < 2¹⁵, so lanes cannot overflow.
    static let flushInterval = 16_384

    var scores: [SIMD4<Double>]
    var named: [SIMD4<Int64>]
    var missing: [SIMD4<Int64>]
    private var packed: [SIMD4<Int32>]
    private var pending = 0

    init(groups: Int) {
        scores = Array(repeating: .zero, count: groups)
        named = Array(repeating: .zero, count: groups)
        missing = Array(repeating: .zero, count: groups)
        packed = Array(repeating: .zero, count: groups)
    }

    /// Adds one variant's packed record (one byte per four samples).
    mutating func add(_ record: UnsafeRawBufferPointer, scores table: [SIMD4<Double>], packed packedTable: [SIMD4<Int32>]) {
        let bytes = record.bindMemory(to: UInt8.self)
        scores.withUnsafeMutableBufferPointer { s in
            packed.withUnsafeMutableBufferPointer { p in
                table.withUnsafeBufferPointer { t in
                    packedTable.withUnsafeBufferPointer { pt in
                        for g in 0..<s.count {
                            let b = Int(bytes[g])
                            s[g] += t[b]
                            p[g] &+= pt[b]
                        }
                    }
                }
            }
        }
        pending += 1
        if pending == Self.flushInterval { flush() }
    }

    /// Moves the packed 16-bit counts into the 64-bit totals.
    mutating func flush() {
        for g in packed.indices {
            let p = packed[g]
            named[g] &+= SIMD4<Int64>(truncatingIfNeeded: p & 0xFFFF)
            missing[g] &+= SIMD4<Int64>(truncatingIfNeeded: p &>> 16)
            packed[g] = .zero
        }
        pending = 0
    }

    /// Adds another accumulator's sums (both flushed first).
    mutating func merge(_ other: Accumulator) {
        var other = other
        flush()
        other.flush()
        for g in scores.indices {
            scores[g] += other.scores[g]
            named[g] &+= other.named[g]
            missing[g] &+= other.missing[g]
        }
    }
}
