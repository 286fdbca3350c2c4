import Foundation
import Synchronization
import RiskKitData

/// Polygenic risk scores from a PLINK 1 fileset and matched weights, as `plink2 --score … cols=+scoresums`.
public enum PolygenicScore {
    /// Matches `weights` to the selected variants of `fileset` (see ``ScoreWeights/match(to:keepAmbiguous:)``):
    /// variants removed by QC count as absent, like plink2. The returned variant indices are `.bim` indices.
    public static func match(_ weights: ScoreWeights, fileset: PlinkFileset, selection: GenotypeSelection,
                             keepAmbiguous: Bool = false, positions: PositionColumns = .harmonizedOrAuthored) -> WeightMatch {
        var result = weights.match(to: selection.variants.map { fileset.variants[$0].alleles }, keepAmbiguous: keepAmbiguous,
                                   positions: positions)
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
        throw DataError(code: .weightOverlapTooSmall, file: file, """
            only \(match.weights.count) of \(match.statuses.count) weights (\(used) %) match a genotyped variant, \
            below the required \(minimum * 100) % (\(detail)); check the genome build, variant ids and alleles
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
    /// Algorithm: the packed `.bed` records are never decoded to doubles. Variants are taken four at a time; for
    /// each, a 16-entry table maps one nibble of a `.bed` byte (two samples) to the two samples' score
    /// contributions (a `SIMD2<Double>`), and a variant-independent 256-entry table (one per allele orientation)
    /// maps a byte to its four samples' named-allele dosage and missing flag in the byte lanes of a `UInt64`
    /// (flushed to 64-bit totals every 124 variants, before a lane can overflow). One pass over the per-four-sample
    /// accumulators (which stay in cache) then adds the four variants: per `.bed` byte two SIMD additions of
    /// doubles and one integer addition per variant. All samples of the fileset are accumulated and the selected
    /// ones reported. The variants are cut into 4 × `threads` contiguous chunks, each with private accumulators,
    /// which `threads` workers claim in turn; the chunks' sums are added in chunk order, so the result does not
    /// depend on the scheduling. O(M·N/4) additions, O(N·threads) memory, plus, with mean imputation, a count of
    /// each scored variant's missing calls and alleles over the frequency samples just before its pass
    /// (bit-parallel, 64 samples a step, when they are all the samples; else two bits per sample).
    public static func compute(fileset: PlinkFileset, selection: GenotypeSelection, match: WeightMatch,
                               meanImputation: Bool, nonfounders: Bool = false, threads: Int = 2) -> PolygenicScoreResult {
        let weights = match.weights.sorted { $0.variant < $1.variant }
        let frequencySamples = selection.frequencySamples(in: fileset, nonfounders: nonfounders)
        // The named-allele dosage that replaces a missing call, counted just before the variant is scored so its
        // record is read from memory once.
        let allFrequencySamples = frequencySamples.isAll
        let bySex = SexSplitSamples(frequencySamples, of: fileset)
        @Sendable func fill(_ w: MatchedWeight) -> Double {
            guard meanImputation else { return 0 }
            let f: Double
            if fileset.variants[w.variant].isChromosomeX {
                f = fileset.alleleTally(variant: w.variant, samples: bySex).allele1Frequency
            } else if allFrequencySamples {
                let (missing, a2) = fileset.missingAndA2Alleles(variant: w.variant)
                let called = fileset.sampleCount - missing
                f = called == 0 ? .nan : Double(2 * called - a2) / Double(2 * called)
            } else {
                f = fileset.genotypeCounts(variant: w.variant, samples: frequencySamples).allele1Frequency
            }
            let a1 = f.isNaN ? 0 : 2 * f
            return w.countsA1 ? a1 : 2 - a1
        }
        let groups = (fileset.sampleCount + 3) / 4
        // A few chunks per thread, claimed in turn, so a thread that gets less CPU (another process on its core)
        // takes fewer of them; each chunk has its own accumulators and the sums are added in chunk order, so the
        // result does not depend on which thread ran what.
        let workers = Swift.max(1, threads)
        let chunks = Swift.max(1, Swift.min(4 * workers, weights.count / Pass.width))
        let next = Atomic<Int>(0)
        var partials = [Accumulator](repeating: Accumulator(groups: 0), count: chunks)
        // Records are read through the mapping, which `fileset` keeps alive until the end of this function.
        let bed = fileset.bed, recordLength = fileset.bytesPerVariant
        @Sendable func record(_ variant: Int) -> UnsafeRawBufferPointer {
            bed.bytes(offset: 3 + variant * recordLength, length: recordLength)
        }
        partials.withUnsafeMutableBufferPointer { parts in
            nonisolated(unsafe) let base = parts.baseAddress!
            DispatchQueue.concurrentPerform(iterations: Swift.min(workers, chunks)) { _ in
                while true {
                    let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard chunk < chunks else { break }
                    let lower = weights.count * chunk / chunks, upper = weights.count * (chunk + 1) / chunks
                    var accumulator = Accumulator(groups: groups)
                    var pass = Pass()
                    var k = lower
                    while k < upper {
                        let n = Swift.min(Pass.width, upper - k)
                        for j in 0..<n {
                            let w = weights[k + j]
                            pass.set(j, weight: w, missingDosage: fill(w), record: record(w.variant))
                        }
                        for j in n..<Pass.width { pass.clear(j, record: record(weights[k].variant)) }
                        accumulator.add(pass)
                        k += n
                    }
                    (base + chunk).pointee = accumulator
                }
            }
        }
        withExtendedLifetime(bed) {}
        var total = partials[0]
        total.flush()
        for part in partials.dropFirst() { total.merge(part) }

        let m = weights.count
        let rows = selection.samples.indices.map { r in
            let missing = total.missingCount(r), sum = total.score(r)
            let alleles = 2 * (m - missing)
            let denominator = meanImputation ? 2 * m : alleles
            return PolygenicScoreResult.Sample(
                sample: r, alleleCount: alleles, namedAlleleDosageSum: Double(total.namedCount(r)), scoreSum: sum,
                scoreAverage: denominator == 0 ? .nan : sum / Double(denominator))
        }
        return PolygenicScoreResult(samples: rows, variantCount: m, meanImputation: meanImputation)
    }
}

/// Byte → its four samples' named-allele dosage and missing flag, in byte lanes of a `UInt64`: sample `k` of the
/// byte has its dosage in byte `2k` and its missing flag in byte `2k + 1`. One table per allele orientation, and
/// all zeros.
private enum PackedCounts {
    /// Codes: 0 hom A1, 1 missing, 2 het, 3 hom A2.
    static let a1 = lanes { [2, 1 << 8, 1, 0][$0] }
    static let a2 = lanes { [0, 1 << 8, 1, 2][$0] }
    static let zero = lanes { _ in 0 }

    private static func lanes(_ value: (Int) -> UInt64) -> [UInt64] {
        (0..<256).map { b in (0..<4).reduce(0) { $0 | value((b >> (2 * $1)) & 3) << (16 * UInt64($1)) } }
    }
}

/// The inputs of one accumulator pass: ``width`` variants' records, nibble score tables and packed count tables.
private struct Pass {
    /// Variants added per pass over the accumulators.
    static let width = 4

    /// `scores[16·j + n]`: the score contributions of the two samples of nibble `n` of variant `j`.
    var scores = [SIMD2<Double>](repeating: .zero, count: 16 * width)
    /// Variant `j`'s `.bed` record.
    var records = [UnsafePointer<UInt8>?](repeating: nil, count: width)
    /// Variant `j`'s packed count table (``PackedCounts``).
    var counts = [[UInt64]](repeating: PackedCounts.zero, count: width)
    /// Variants (not padding) in this pass.
    var variants = 0

    /// Slot `j` scores weight `w` on `record`: codes 0 (hom A1), 1 (missing, imputed with `missingDosage` named
    /// alleles), 2 (het), 3 (hom A2), two bits per sample.
    mutating func set(_ j: Int, weight w: MatchedWeight, missingDosage: Double, record: UnsafeRawBufferPointer) {
        let hom1 = w.countsA1 ? 2.0 : 0.0
        let code = [w.weight * hom1, w.weight * missingDosage, w.weight, w.weight * (2 - hom1)]
        for n in 0..<16 { scores[16 * j + n] = SIMD2(code[n & 3], code[n >> 2]) }
        records[j] = record.bindMemory(to: UInt8.self).baseAddress
        counts[j] = w.countsA1 ? PackedCounts.a1 : PackedCounts.a2
        variants = j + 1
    }

    /// Slot `j` adds nothing (it reads `record`, any record of the same fileset, with zero tables).
    mutating func clear(_ j: Int, record: UnsafeRawBufferPointer) {
        for n in 0..<16 { scores[16 * j + n] = .zero }
        records[j] = record.bindMemory(to: UInt8.self).baseAddress
        counts[j] = PackedCounts.zero
    }
}

/// Per-sample running sums of score, named-allele dosage and missing calls. Four samples per `.bed` byte:
/// `scores[2g]` holds samples 4g, 4g+1 and `scores[2g+1]` samples 4g+2, 4g+3.
private struct Accumulator {
    /// Variants added to `packed` before it is flushed: at most 124 (31 passes), and 124 × 2 < 2⁸, so byte lanes
    /// cannot overflow.
    static let flushInterval = 124

    var scores: [SIMD2<Double>]
    var named: [SIMD4<Int64>]
    var missing: [SIMD4<Int64>]
    private var packed: [UInt64]
    private var pending = 0

    init(groups: Int) {
        scores = Array(repeating: .zero, count: 2 * groups)
        named = Array(repeating: .zero, count: groups)
        missing = Array(repeating: .zero, count: groups)
        packed = Array(repeating: 0, count: groups)
    }

    /// Sample `i`'s score sum (flushed accumulators only for the counts).
    func score(_ i: Int) -> Double { scores[i / 2][i % 2] }
    /// Sample `i`'s missing calls.
    func missingCount(_ i: Int) -> Int { Int(missing[i / 4][i % 4]) }
    /// Sample `i`'s named-allele dosage sum.
    func namedCount(_ i: Int) -> Int { Int(named[i / 4][i % 4]) }

    /// Adds the pass's variants in one sweep over the accumulators.
    mutating func add(_ pass: Pass) {
        let r0 = pass.records[0]!, r1 = pass.records[1]!, r2 = pass.records[2]!, r3 = pass.records[3]!
        pass.scores.withUnsafeBufferPointer { t in
            pass.counts[0].withUnsafeBufferPointer { c0 in
                pass.counts[1].withUnsafeBufferPointer { c1 in
                    pass.counts[2].withUnsafeBufferPointer { c2 in
                        pass.counts[3].withUnsafeBufferPointer { c3 in
                            scores.withUnsafeMutableBufferPointer { s in
                                packed.withUnsafeMutableBufferPointer { p in
                                    let t0 = t.baseAddress!, t1 = t0 + 16, t2 = t0 + 32, t3 = t0 + 48
                                    for g in 0..<p.count {
                                        let b0 = Int(r0[g]), b1 = Int(r1[g]), b2 = Int(r2[g]), b3 = Int(r3[g])
                                        let low = (t0[b0 & 15] + t1[b1 & 15]) + (t2[b2 & 15] + t3[b3 & 15])
                                        let high = (t0[b0 >> 4] + t1[b1 >> 4]) + (t2[b2 >> 4] + t3[b3 >> 4])
                                        s[2 * g] += low
                                        s[2 * g + 1] += high
                                        p[g] &+= (c0[b0] &+ c1[b1]) &+ (c2[b2] &+ c3[b3])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        pending += pass.variants
        if pending + Pass.width > Self.flushInterval { flush() }
    }

    /// Moves the packed 8-bit counts into the 64-bit totals.
    mutating func flush() {
        for g in packed.indices {
            let p = packed[g]
            let lanes = SIMD4<UInt64>(p, p &>> 16, p &>> 32, p &>> 48)
            named[g] &+= SIMD4<Int64>(truncatingIfNeeded: lanes & 0xFF)
            missing[g] &+= SIMD4<Int64>(truncatingIfNeeded: (lanes &>> 8) & 0xFF)
            packed[g] = 0
        }
        pending = 0
    }

    /// Adds another accumulator's sums (both flushed first).
    mutating func merge(_ other: Accumulator) {
        var other = other
        flush()
        other.flush()
        for k in scores.indices { scores[k] += other.scores[k] }
        for g in named.indices {
            named[g] &+= other.named[g]
            missing[g] &+= other.missing[g]
        }
    }
}
