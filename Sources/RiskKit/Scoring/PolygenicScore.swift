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
    /// costs two SIMD additions into per-four-sample accumulators that stay in cache (two variants share one pass
    /// over the accumulators). All samples of the fileset are accumulated and the selected ones reported. The
    /// variants are cut into 4 × `threads` contiguous chunks, each with private accumulators, run `threads` at a
    /// time and summed at the end. O(M·N/4) additions, O(N·chunks) memory, plus, with mean imputation, a count of
    /// each scored variant's genotypes over the frequency samples (from the same record, while it is in cache).
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
        // A few chunks per thread, so a thread that finishes early takes more work instead of waiting.
        let chunks = Swift.max(1, Swift.min(4 * Swift.max(1, threads), weights.count / 2))
        var partials = [Accumulator?](repeating: nil, count: chunks)
        let pool = DispatchQueue(label: "riskkit.prs", attributes: .concurrent)
        let group = DispatchGroup()
        let semaphore = DispatchSemaphore(value: Swift.max(1, threads))
        partials.withUnsafeMutableBufferPointer { parts in
            nonisolated(unsafe) let base = parts.baseAddress!
            for chunk in 0..<chunks {
                semaphore.wait()
                pool.async(group: group) {
                    defer { semaphore.signal() }
                    let lower = weights.count * chunk / chunks, upper = weights.count * (chunk + 1) / chunks
                    var accumulator = Accumulator(groups: groups)
                    var first = [SIMD4<Double>](repeating: .zero, count: 256)
                    var second = [SIMD4<Double>](repeating: .zero, count: 256)
                    // Two variants per pass over the accumulators halves their memory traffic.
                    var k = lower
                    while k < upper {
                        let a = weights[k]
                        Self.fillTable(&first, weight: a, missingDosage: fill(a))
                        if k + 1 < upper {
                            let b = weights[k + 1]
                            Self.fillTable(&second, weight: b, missingDosage: fill(b))
                            fileset.withRecord(a.variant) { ra in
                                fileset.withRecord(b.variant) { rb in
                                    accumulator.add(ra, rb, scores: first, second,
                                                    packed: tables.packed(a), tables.packed(b))
                                }
                            }
                        } else {
                            fileset.withRecord(a.variant) { ra in
                                accumulator.add(ra, ra, scores: first, Self.zeroTable, packed: tables.packed(a), tables.zero)
                            }
                        }
                        k += 2
                    }
                    (base + chunk).pointee = accumulator
                }
            }
            group.wait()
        }
        var total = partials[0]!
        total.flush()
        for part in partials.dropFirst() { total.merge(part!) }

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

extension PolygenicScore {
    /// A table of zeros (the second operand when a chunk has an odd number of variants).
    fileprivate static let zeroTable = [SIMD4<Double>](repeating: .zero, count: 256)

    /// Fills the byte → four samples' score contributions table of one weight: code 0 (hom A1), 1 (missing,
    /// imputed with `missingDosage` named alleles), 2 (het), 3 (hom A2), two bits per sample.
    fileprivate static func fillTable(_ table: inout [SIMD4<Double>], weight w: MatchedWeight, missingDosage: Double) {
        let hom1 = w.countsA1 ? 2.0 : 0.0
        let code = SIMD4<Double>(w.weight * hom1, w.weight * missingDosage, w.weight, w.weight * (2 - hom1))
        table.withUnsafeMutableBufferPointer { t in
            for b in 0..<256 {
                t[b] = SIMD4(code[b & 3], code[(b >> 2) & 3], code[(b >> 4) & 3], code[(b >> 6) & 3])
            }
        }
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
        zero = lanes { _ in 0 }
    }

    /// All zeros (pairs with ``PolygenicScore/zeroTable``).
    let zero: [SIMD4<Int32>]

    /// The table for a weight's allele orientation.
    func packed(_ w: MatchedWeight) -> [SIMD4<Int32>] { w.countsA1 ? packedA1 : packedA2 }
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

    /// Adds two variants' packed records (one byte per four samples) in one pass.
    mutating func add(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
                      scores t1: [SIMD4<Double>], _ t2: [SIMD4<Double>],
                      packed p1: [SIMD4<Int32>], _ p2: [SIMD4<Int32>]) {
        let x = first.bindMemory(to: UInt8.self), y = second.bindMemory(to: UInt8.self)
        scores.withUnsafeMutableBufferPointer { s in
            packed.withUnsafeMutableBufferPointer { p in
                t1.withUnsafeBufferPointer { a in
                    t2.withUnsafeBufferPointer { b in
                        p1.withUnsafeBufferPointer { c in
                            p2.withUnsafeBufferPointer { d in
                                for g in 0..<s.count {
                                    let u = Int(x[g]), v = Int(y[g])
                                    s[g] += a[u] + b[v]
                                    p[g] &+= c[u] &+ d[v]
                                }
                            }
                        }
                    }
                }
            }
        }
        pending += 2
        if pending >= Self.flushInterval { flush() }
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
