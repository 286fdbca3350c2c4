
/// The Hardy–Weinberg equilibrium exact test for one biallelic variant (Wigginton, Cutler & Abecasis 2005,
/// Am J Hum Genet 76:887), as used by `plink2 --hwe` / `--hardy`.
///
/// Algorithm: conditional on the allele counts, the probabilities of every possible heterozygote count are built
/// by the recurrence of Wigginton et al. outward from the most likely count, then normalized. The p-value is the
/// sum of the probabilities of all configurations no more likely than the observed one (ties within a relative
/// 1e-7 count as equal); `midp` subtracts half the observed configuration's probability. O(min allele count)
/// time and memory.
public enum HardyWeinbergExactTest {
    /// The exact-test p-value; 1 when there are no calls or the variant is monomorphic.
    public static func pValue(heterozygous: Int, homozygous1: Int, homozygous2: Int, midp: Bool = false) -> Double {
        let hets = heterozygous
        let homRare = Swift.min(homozygous1, homozygous2)
        let homCommon = Swift.max(homozygous1, homozygous2)
        let genotypes = hets + homRare + homCommon
        let rare = 2 * homRare + hets
        guard genotypes > 0, rare > 0 else { return 1 }
        var probs = [Double](repeating: 0, count: rare + 1)
        var mid = Int((Double(rare) * Double(2 * genotypes - rare) / Double(2 * genotypes)).rounded(.down))
        if mid % 2 != rare % 2 { mid += 1 }
        probs[mid] = 1
        var sum = 1.0
        var h = mid
        var r = (rare - mid) / 2
        var c = genotypes - h - r
        while h > 1 {
            probs[h - 2] = probs[h] * Double(h) * Double(h - 1) / (4 * Double(r + 1) * Double(c + 1))
            sum += probs[h - 2]
            h -= 2; r += 1; c += 1
        }
        h = mid
        r = (rare - mid) / 2
        c = genotypes - h - r
        while h <= rare - 2 {
            probs[h + 2] = probs[h] * 4 * Double(r) * Double(c) / (Double(h + 2) * Double(h + 1))
            sum += probs[h + 2]
            h += 2; r -= 1; c -= 1
        }
        let observed = probs[hets]
        let limit = observed * (1 + 1e-7)
        var p = 0.0
        for q in probs where q <= limit { p += q }
        if midp { p -= 0.5 * observed }
        return Swift.min(1, p / sum)
    }
}
