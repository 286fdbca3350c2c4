
/// How one weight entry was matched to a genotyped variant, or why it was not.
public enum WeightMatchStatus: String, Sendable, Equatable, CaseIterable {
    /// The effect allele (and the other allele, when given) equal the variant's alleles as written.
    case matched
    /// The effect allele is the variant's non-counted allele (A2): the score uses `2 − dosage(A1)`.
    case alleleSwapped = "allele_swapped"
    /// The alleles match after complementing both (other strand); may also be swapped.
    case flipped
    /// Strand-ambiguous (A/T or C/G) variant, dropped (see `keepAmbiguous`).
    case ambiguousDropped = "ambiguous_dropped"
    /// No genotyped variant with this id (or chromosome and position) carries the weight's alleles.
    case absent
    /// A second weight for a variant that already has one; dropped.
    case duplicate
}

extension WeightMatchStatus {
    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .matched: 0
        case .alleleSwapped: 1
        case .flipped: 2
        case .ambiguousDropped: 3
        case .absent: 4
        case .duplicate: 5
        }
    }
}

/// One usable weight: which variant, which of its alleles the weight counts, and the weight.
public struct MatchedWeight: Sendable, Equatable {
    /// Index of the variant in the fileset's `.bim` order.
    public var variant: Int
    /// Whether the weight multiplies the dosage of A1 (else of A2, i.e. `2 − dosage(A1)`).
    public var countsA1: Bool
    /// The weight.
    public var weight: Double
    /// Index of the entry in ``ScoreWeights/entries``.
    public var entry: Int
}

/// The result of matching a score's weights to a genotype fileset, with counts for the match report.
public struct WeightMatch: Sendable, Equatable {
    /// The usable weights, in entry order.
    public var weights: [MatchedWeight]
    /// The status of every entry, in entry order.
    public var statuses: [WeightMatchStatus]

    /// How many entries ended in each status.
    public var counts: [WeightMatchStatus: Int] {
        var tally = [Int](repeating: 0, count: WeightMatchStatus.allCases.count)
        for s in statuses { tally[s.ordinal] += 1 }
        var result: [WeightMatchStatus: Int] = [:]
        for (s, n) in zip(WeightMatchStatus.allCases, tally) where n > 0 { result[s] = n }
        return result
    }

    /// The fraction of entries that were used (matched, swapped or flipped).
    public var usedFraction: Double { statuses.isEmpty ? 0 : Double(weights.count) / Double(statuses.count) }
}

extension ScoreWeights {
    /// Matches the entries to genotyped variants.
    ///
    /// - PLINK-style weights follow `plink2 --score`: the variant id must match exactly and the allele code must be
    ///   exactly A1 or A2; no strand inference.
    /// - PGS Catalog weights follow pgsc_calc: candidates by id when the entry has one that the fileset knows,
    ///   otherwise by chromosome and position; then, in order of preference, alleles as given, swapped,
    ///   strand-flipped, flipped and swapped (the other allele is checked when the file gives it). Strand-ambiguous
    ///   variants (A/T, C/G) are dropped unless `keepAmbiguous`, in which case they are matched as written.
    /// Positions come from the `positions` columns (see ``PositionColumns``; ``positionPlan(for:given:)`` chooses
    /// them by genome build). A variant matched by an earlier entry makes later entries for it duplicates.
    /// O(entries + variants).
    public func match(to variants: [VariantAlleles], keepAmbiguous: Bool = false,
                      positions: PositionColumns = .harmonizedOrAuthored) -> WeightMatch {
        let byID = VariantIDIndex(variants.map(\.id))
        var byPosition: [String: [Int]] = [:]
        if source == .pgsCatalog {
            for (k, v) in variants.enumerated() { byPosition["\(v.chromosome):\(v.position)", default: []].append(k) }
        }
        var used = [Bool](repeating: false, count: variants.count)
        var weights: [MatchedWeight] = []
        var statuses: [WeightMatchStatus] = []
        weights.reserveCapacity(entries.count)
        statuses.reserveCapacity(entries.count)
        for (e, entry) in entries.enumerated() {
            let (status, hit) = source == .plink
                ? Self.matchPlink(entry, byID: byID, variants: variants)
                : Self.matchCatalog(entry, byID: byID, byPosition: byPosition, variants: variants, keepAmbiguous: keepAmbiguous,
                                    positions: positions)
            guard let hit else {
                statuses.append(status)
                continue
            }
            guard !used[hit.variant] else {
                statuses.append(.duplicate)
                continue
            }
            used[hit.variant] = true
            statuses.append(status)
            weights.append(MatchedWeight(variant: hit.variant, countsA1: hit.countsA1, weight: entry.weight, entry: e))
        }
        return WeightMatch(weights: weights, statuses: statuses)
    }

    private static func matchPlink(_ entry: WeightEntry, byID: VariantIDIndex, variants: [VariantAlleles])
        -> (WeightMatchStatus, (variant: Int, countsA1: Bool)?)
    {
        guard let id = entry.id, let k = byID.first(id) else { return (.absent, nil) }
        let v = variants[k]
        switch AlleleOrientation.effectIsA1(effect: entry.effectAllele, other: nil, a1: v.a1, a2: v.a2) {
        case true?: return (.matched, (k, true))
        case false?: return (.alleleSwapped, (k, false))
        case nil: return (.absent, nil)
        }
    }

    private static func matchCatalog(
        _ entry: WeightEntry, byID: VariantIDIndex, byPosition: [String: [Int]], variants: [VariantAlleles],
        keepAmbiguous: Bool, positions: PositionColumns
    ) -> (WeightMatchStatus, (variant: Int, countsA1: Bool)?) {
        var candidates: [Int] = []
        if let id = entry.id, let k = byID.first(id) {
            candidates = [k]
        } else if let (c, p) = entry.coordinates(positions) {
            candidates = byPosition["\(c):\(p)"] ?? []
        }
        var best: (rank: Int, status: WeightMatchStatus, variant: Int, countsA1: Bool)? = nil
        var ambiguous = false
        for k in candidates {
            let v = variants[k]
            let a1 = v.a1.uppercased(), a2 = v.a2.uppercased()
            if isAmbiguous(a1, a2) && !keepAmbiguous {
                if entry.effectAllele == a1 || entry.effectAllele == a2 { ambiguous = true }
                continue
            }
            // Ranks: 0 as given, 1 swapped, 2 flipped, 3 flipped and swapped.
            let option: (rank: Int, status: WeightMatchStatus, countsA1: Bool)
            if let a1IsEffect = AlleleOrientation.effectIsA1(
                effect: entry.effectAllele, other: entry.otherAllele, a1: a1, a2: a2) {
                option = a1IsEffect ? (0, .matched, true) : (1, .alleleSwapped, false)
            } else if !isAmbiguous(a1, a2), let a1IsEffect = AlleleOrientation.effectIsA1(
                effect: complement(entry.effectAllele), other: entry.otherAllele.map(complement), a1: a1, a2: a2) {
                option = (a1IsEffect ? 2 : 3, .flipped, a1IsEffect)
            } else {
                continue
            }
            if best == nil || option.rank < best!.rank {
                best = (option.rank, option.status, k, option.countsA1)
            }
        }
        if let best { return (best.status, (best.variant, best.countsA1)) }
        return (ambiguous ? .ambiguousDropped : .absent, nil)
    }

    /// Whether two alleles are each other's complement (A/T or C/G): strand cannot be told from the alleles.
    static func isAmbiguous(_ a: String, _ b: String) -> Bool { complement(a) == b }

    /// The base-wise complement of an allele written in A, C, G, T (other characters unchanged).
    static func complement(_ allele: String) -> String {
        String(allele.map { c -> Character in
            switch c {
            case "A": "T"
            case "T": "A"
            case "C": "G"
            case "G": "C"
            default: c
            }
        })
    }
}
