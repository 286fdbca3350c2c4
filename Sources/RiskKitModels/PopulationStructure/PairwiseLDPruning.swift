import Foundation
import RiskKitData

/// plink2's `--indep-pairwise`: removes variants until no pair inside any sliding window has a squared genotype
/// correlation above the threshold.
///
/// Algorithm (PLINK 1.9 and plink2 up to 2.00a4, `IndepPairwiseThread`; newer plink2 builds scan each window
/// backwards by default and give this order with `--indep-order 1`): variants are taken per chromosome in the order
/// given (chromosome 0 is left out; a chromosome — or, with a base-pair window, a stretch between gaps wider than the
/// window — holding a single variant is kept untested). Variants without spread among the founders (see
/// ``LDPruningResult/removed``) are removed on loading. In each window, sweeps run over the kept variants `a` in
/// order; each is tested against the kept variants `b` after it (from the first not yet tested with it) until
/// r²(a, b) — the squared correlation of A1 dosages over the founders called at both (see ``PackedDosages``) —
/// exceeds the threshold·(1 + 2⁻⁴⁴). Then the one with the lower minor allele frequency (over all founders with a
/// call) goes: `a` when its major allele frequency exceeds `b`'s·(1 + 2⁻⁴⁴), else `b`; either way the sweep moves
/// to the next `a`. Sweeps repeat until one removes nothing; then the window moves (``LDPruningWindow``) and only
/// kept variants carry over. Cost: O(window·N/64) word operations per pair tested; memory one window of packed
/// variants per thread (chromosomes, or stretches, are pruned in parallel).
public struct PairwiseLDPruning: Sendable {
    /// The sliding window.
    public var window: LDPruningWindow
    /// The r² threshold, in [0, 1).
    public var threshold: Double

    /// plink2's `kSmallEpsilon` (2⁻⁴⁴): the threshold and frequency comparisons are widened by this factor.
    private static let epsilon = 0x1p-44

    /// Creates a pruning; `threshold` in [0, 1), window sizes and step at least 1, step ≤ size.
    public init(window: LDPruningWindow, threshold: Double) {
        precondition((0..<1).contains(threshold), "the r² threshold must lie in [0, 1)")
        if case .variants(let size, let step) = window {
            precondition(size >= 1 && step >= 1 && step <= size, "window size ≥ step ≥ 1")
        }
        if case .basePairs(let size) = window { precondition(size >= 2, "window of at least 2 bp") }
        self.window = window
        self.threshold = threshold
    }

    /// Prunes `variants` (`.bim` indices, in `.bim` order) of `fileset`, with LD and frequencies over `founders`,
    /// on `threads` threads (one stretch each at a time).
    /// - Throws: ``DataError`` naming the `.bim` when a variant ID occurs twice among them (the lists name variants
    ///   by ID, as plink2 requires), or the `.fam` when fewer than two founders are selected.
    public func prune(fileset: PlinkFileset, founders: SampleSubset, variants: [Int], threads: Int = 1) throws
        -> LDPruningResult
    {
        guard founders.count >= 2 else {
            throw DataError(file: fileset.prefix + ".fam", "LD pruning needs at least two founders, \(founders.count) selected (use --nonfounders to count every sample)")
        }
        let placed = variants.filter { fileset.variants[$0].chromosome != "0" }
        var seen: [String: Int] = [:]
        for v in placed {
            if let first = seen[fileset.variants[v].id] {
                throw DataError(file: fileset.prefix + ".bim", line: v + 1, "variant ID `\(fileset.variants[v].id)` is also on line \(first + 1); LD pruning lists variants by ID, so IDs must be unique (rename or drop duplicates, e.g. `plink2 --rm-dup`)")
            }
            seen[fileset.variants[v].id] = v
        }
        var stretches: [[Int]] = []
        var start = 0
        while start < placed.count {
            var end = start + 1
            while end < placed.count && fileset.variants[placed[end]].chromosome == fileset.variants[placed[start]].chromosome {
                end += 1
            }
            stretches += self.stretches(Array(placed[start..<end]), fileset: fileset).filter { $0.count > 1 }
            start = end
        }
        // Stretches are independent: `threads` workers take every threads-th one, each writing only its own slots.
        let work = stretches
        let workers = Swift.max(1, Swift.min(threads, stretches.count))
        var removedPerStretch = [[Int]](repeating: [], count: stretches.count)
        removedPerStretch.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for s in stride(from: worker, to: work.count, by: workers) {
                    out[s] = prune(work[s], fileset: fileset, founders: founders)
                }
            }
        }
        let removed = Set(removedPerStretch.joined())
        return LDPruningResult(kept: placed.filter { !removed.contains($0) }, removed: placed.filter { removed.contains($0) },
                               unplacedCount: variants.count - placed.count)
    }

    /// A chromosome's variants split where consecutive positions differ by more than a base-pair window.
    private func stretches(_ chromosome: [Int], fileset: PlinkFileset) -> [[Int]] {
        guard case .basePairs(let size) = window else { return [chromosome] }
        var parts: [[Int]] = [[chromosome[0]]]
        for (previous, v) in zip(chromosome, chromosome.dropFirst()) {
            if fileset.variants[v].position - fileset.variants[previous].position > size {
                parts.append([v])
            } else {
                parts[parts.count - 1].append(v)
            }
        }
        return parts
    }

    /// Prunes one stretch of at least two variants; returns the `.bim` indices removed.
    private func prune(_ ids: [Int], fileset: PlinkFileset, founders: SampleSubset) -> [Int] {
        let n = ids.count
        let positions = ids.map { fileset.variants[$0].position }
        let limit = threshold * (1 + Self.epsilon)
        var packed = [PackedDosages?](repeating: nil, count: n)
        var majorFrequency = [Double](repeating: 0, count: n)
        var removed = [Bool](repeating: false, count: n)
        var windowStart = 0, windowEnd: Int, loaded = 0
        switch window {
        case .variants(let size, _): windowEnd = Swift.min(n, size)
        case .basePairs(let size):
            windowEnd = 1
            while windowEnd < n && positions[windowEnd] <= positions[0] + size { windowEnd += 1 }
        }
        var members: [Int] = []
        var unchecked = Array(1...n)
        while true {
            while loaded < windowEnd {
                let p = PackedDosages(fileset: fileset, variant: ids[loaded], samples: founders)
                if p.hasNoSpread {
                    removed[loaded] = true
                } else {
                    majorFrequency[loaded] = Swift.max(p.allele1Frequency, 1 - p.allele1Frequency)
                    packed[loaded] = p
                }
                members.append(loaded)
                loaded += 1
            }
            sweep(members, windowEnd: windowEnd, removed: &removed, unchecked: &unchecked) { a, b in
                guard let pa = packed[a], let pb = packed[b],
                      pa.correlationExceeds(limit, with: pb, sampleCount: founders.count) else { return nil }
                return majorFrequency[a] > majorFrequency[b] * (1 + Self.epsilon)
            }
            if windowEnd == n { break }
            switch window {
            case .variants(let size, let step):
                windowStart += step
                windowEnd = Swift.min(n, windowStart + size)
            case .basePairs(let size):
                repeat { windowStart += 1 } while positions[windowStart] < positions[windowEnd] - size
                windowEnd += 1
                while windowEnd < n && positions[windowEnd] <= positions[windowStart] + size { windowEnd += 1 }
            }
            for k in members where removed[k] || k < windowStart { packed[k] = nil }
            members = members.filter { !removed[$0] && $0 >= windowStart }
        }
        return (0..<n).filter { removed[$0] }.map { ids[$0] }
    }

    /// One window in PLINK 1.x order: sweeps over the kept variants `a` in order, each tested against the kept
    /// variants after it from `unchecked[a]` on until a pair exceeds the threshold (`inLD(a, b)` non-nil: true when
    /// `a` goes, false when `b` goes — then `unchecked[a]` moves past `b`); a pass through the window without a
    /// pair in LD sets `unchecked[a]` to the window's end. Sweeps repeat until one removes nothing.
    private func sweep(_ members: [Int], windowEnd: Int, removed: inout [Bool], unchecked: inout [Int],
                       inLD: (Int, Int) -> Bool?) {
        var count = members.count(where: { removed[$0] })
        while true {
            let before = count
            for (f, a) in members.enumerated() where !removed[a] {
                guard var s = members[(f + 1)...].firstIndex(where: { !removed[$0] && $0 >= unchecked[a] }) else {
                    continue
                }
                while true {
                    let b = members[s]
                    if let firstGoes = inLD(a, b) {
                        count += 1
                        if firstGoes {
                            removed[a] = true
                        } else {
                            removed[b] = true
                            unchecked[a] = members[(s + 1)...].first { !removed[$0] } ?? windowEnd
                        }
                        break
                    }
                    guard let next = members[(s + 1)...].firstIndex(where: { !removed[$0] }) else {
                        unchecked[a] = windowEnd
                        break
                    }
                    s = next
                }
            }
            if count == before { return }
        }
    }
}
