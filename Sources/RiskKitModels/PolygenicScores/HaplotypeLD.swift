import Foundation

/// Two-variant LD from unphased diploid genotypes by maximum-likelihood haplotype frequencies, the r² PLINK 1.9
/// `--clump` uses (not the genotype correlation of `plink --r2`).
///
/// Algorithm: the 3×3 table of A1 dosages fixes every haplotype except in double heterozygotes, which are either
/// 11/22 or 12/21. With known haplotype frequencies f11, f12, f21, f22 (counts over 2n) and h = (double hets)/(2n),
/// the frequencies are f11+x, f12+h−x, f21+h−x, f22+x for x ∈ [0, h]. A stationary point of the likelihood is a
/// fixed point of EM, x·(p11·p22 + p12·p21) = h·p11·p22, a cubic in x; its real roots in [0, h] (or both ends when
/// none is inside) are compared by log-likelihood and the best one kept. Then D = p11 − pA·pB and
/// r² = D² / (pA(1−pA)·pB(1−pB)). Closed form, O(1); no iteration to converge.
public enum HaplotypeLD {
    /// r² of two variants from their genotype table, or `nil` when either is monomorphic over the counted samples.
    ///
    /// `counts[3·a + b]` is the number of samples with A1 dosage `a` at the first variant and `b` at the second
    /// (samples missing either call left out).
    public static func r2(counts: [Double]) -> Double? {
        precondition(counts.count == 9, "a 3×3 genotype table has 9 cells")
        func n(_ a: Int, _ b: Int) -> Double { counts[3 * a + b] }
        // Haplotype "XY": X = allele at variant 1 (1 = A1), Y = allele at variant 2.
        let known11 = 2 * n(2, 2) + n(2, 1) + n(1, 2)
        let known12 = 2 * n(2, 0) + n(2, 1) + n(1, 0)
        let known21 = 2 * n(0, 2) + n(1, 2) + n(0, 1)
        let known22 = 2 * n(0, 0) + n(0, 1) + n(1, 0)
        let center = n(1, 1)
        let twiceTotal = known11 + known12 + known21 + known22 + 2 * center
        guard twiceTotal > 0 else { return nil }
        let f11 = known11 / twiceTotal, f12 = known12 / twiceTotal
        let f21 = known21 / twiceTotal, f22 = known22 / twiceTotal
        let h = center / twiceTotal
        let p1x = f11 + f12 + h, px1 = f11 + f21 + h
        guard p1x > 0, p1x < 1, px1 > 0, px1 < 1 else { return nil }
        var x = 0.0
        if center > 0 {
            let roots = realCubicRoots(b: 0.5 * (f11 + f22 - f12 - f21 - 3 * h),
                                       c: 0.5 * (f11 * f22 + f12 * f21 + h * (f12 + f21 - f11 - f22 + h)),
                                       d: -0.5 * h * f11 * f22)
            let tolerance = 1e-10
            var candidates = roots.filter { $0 >= -tolerance && $0 <= h + tolerance }.map { Swift.min(Swift.max($0, 0), h) }
            if candidates.isEmpty { candidates = [0, h] }
            func logLikelihood(_ x: Double) -> Double {
                let p11 = f11 + x, p22 = f22 + x, p12 = f12 + h - x, p21 = f21 + h - x
                var l = center * log(p11 * p22 + p12 * p21)
                if known11 > 0 { l += known11 * log(p11) }
                if known12 > 0 { l += known12 * log(p12) }
                if known21 > 0 { l += known21 * log(p21) }
                if known22 > 0 { l += known22 * log(p22) }
                return l
            }
            x = candidates[0]
            var best = logLikelihood(x)
            for c in candidates.dropFirst() {
                let l = logLikelihood(c)
                if l > best { best = l; x = c }
            }
        }
        let d = f11 + x - p1x * px1
        return d * d / (p1x * (1 - p1x) * px1 * (1 - px1))
    }

    /// Real roots of x³ + b·x² + c·x + d, ascending: trigonometric form for three real roots, Cardano otherwise,
    /// each polished by up to two Newton steps that must shrink the residual.
    static func realCubicRoots(b: Double, c: Double, d: Double) -> [Double] {
        let shift = b / 3
        let p = c - b * b / 3                       // depressed cubic t³ + p·t + q, x = t − b/3
        let q = 2 * b * b * b / 27 - b * c / 3 + d
        var roots: [Double]
        let discriminant = q * q / 4 + p * p * p / 27
        if p < 0, discriminant < 0 {
            let m = 2 * (-p / 3).squareRoot()
            let angle = acos(Swift.max(-1, Swift.min(1, 3 * q / (p * m)))) / 3
            roots = (0..<3).map { k in m * cos(angle - 2 * Double.pi * Double(k) / 3) - shift }
        } else {
            let s = discriminant.squareRoot()
            roots = [cbrt(-q / 2 + s) + cbrt(-q / 2 - s) - shift]
        }
        roots = roots.map { r in
            var x = r
            for _ in 0..<2 {
                let f = ((x + b) * x + c) * x + d
                let g = (3 * x + 2 * b) * x + c
                guard g != 0 else { break }
                let next = x - f / g
                guard abs(((next + b) * next + c) * next + d) < abs(f) else { break }
                x = next
            }
            return x
        }
        return roots.sorted()
    }
}
