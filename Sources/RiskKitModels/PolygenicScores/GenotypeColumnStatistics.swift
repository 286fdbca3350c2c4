import RiskKitData

/// Per-variant centring and scaling constants over a set of samples, as glmnet's `standardize = TRUE` computes them
/// on the mean-imputed dosage matrix.
///
/// For variant j with called samples C among the n selected ones: `mean[j] = Σ_C xᵢⱼ / |C|` (the value a missing
/// call is imputed with, so it is 0 after centring) and `scale[j] = √(Σ_C (xᵢⱼ − mean[j])² / n)`, the 1/n standard
/// deviation of the imputed column. Both come from exact integer genotype counts (popcounts over the packed record,
/// O(N/32) per variant): `scale² = (|C|·Σx² − (Σx)²) / (|C|·n)`, so a monomorphic column has scale exactly 0.
struct GenotypeColumnStatistics: Sendable {
    /// Mean called A1 dosage per variant (0 when no sample has a call).
    let mean: [Double]
    /// 1/n standard deviation of the mean-imputed dosages (0 when monomorphic or without calls).
    let scale: [Double]
    /// Called samples per variant.
    let called: [Int]

    /// Statistics given directly (e.g. a subset of another instance's variants).
    init(mean: [Double], scale: [Double], called: [Int]) {
        self.mean = mean
        self.scale = scale
        self.called = called
    }

    /// Statistics of `variants` (fileset indices) over `samples`.
    init(fileset: PlinkFileset, variants: [Int], samples: SampleSubset) {
        let mask = fileset.selectionMask(samples)
        let n = Double(samples.count)
        var mean = [Double](repeating: 0, count: variants.count)
        var scale = [Double](repeating: 0, count: variants.count)
        var called = [Int](repeating: 0, count: variants.count)
        for (k, v) in variants.enumerated() {
            let counts = fileset.genotypeCounts(variant: v, mask: mask)
            let c = counts.called
            called[k] = c
            guard c > 0 else { continue }
            let sum = 2 * counts.homozygousA1 + counts.heterozygous
            let squares = 4 * counts.homozygousA1 + counts.heterozygous
            mean[k] = Double(sum) / Double(c)
            let spread = c * squares - sum * sum
            scale[k] = spread > 0 ? (Double(spread) / (Double(c) * n)).squareRoot() : 0
        }
        self.mean = mean
        self.scale = scale
        self.called = called
    }
}
