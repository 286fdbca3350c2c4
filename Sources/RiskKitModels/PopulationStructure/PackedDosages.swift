import RiskKitData

/// One variant's A1 dosages over a sample subset as three bit sets, 64 samples a word: the samples with a call,
/// those with dosage ≥ 1 and those with dosage 2. With `d = [≥ 1] + [= 2]`, sums of d, d² and products of two
/// variants' dosages are popcounts (`d² = [≥ 1] + 3·[= 2]`), the way plink2 computes LD for `--indep-pairwise`.
struct PackedDosages {
    /// Bit i set: sample i has a call.
    var called: [UInt64]
    /// Bit i set: sample i has at least one A1.
    var atLeastOne: [UInt64]
    /// Bit i set: sample i is homozygous A1.
    var two: [UInt64]
    /// Samples with a call.
    var calledCount: Int
    /// Σ d over the called samples.
    var sum: Int
    /// Σ d² over the called samples.
    var sumOfSquares: Int
    /// Homozygous calls (A1/A1 or A2/A2).
    var homozygousCount: Int

    /// Packs `variant` of `fileset` over `samples` (bit order: the subset's order). O(N).
    init(fileset: PlinkFileset, variant: Int, samples: SampleSubset) {
        let words = (samples.count + 63) / 64
        var called = [UInt64](repeating: 0, count: words)
        var one = called, two = called
        fileset.withRecord(variant) { record in
            for (r, i) in samples.indices.enumerated() {
                let code = (record[i >> 2] >> (2 * UInt8(i & 3))) & 3
                let bit = UInt64(1) << UInt64(r & 63)
                switch code {
                case 0b00: called[r >> 6] |= bit; one[r >> 6] |= bit; two[r >> 6] |= bit  // hom A1
                case 0b10: called[r >> 6] |= bit; one[r >> 6] |= bit  // het
                case 0b11: called[r >> 6] |= bit  // hom A2
                default: break  // missing
                }
            }
        }
        let n = called.reduce(0) { $0 + $1.nonzeroBitCount }
        let ones = one.reduce(0) { $0 + $1.nonzeroBitCount }, twos = two.reduce(0) { $0 + $1.nonzeroBitCount }
        self.called = called
        self.atLeastOne = one
        self.two = two
        calledCount = n
        sum = ones + twos
        sumOfSquares = ones + 3 * twos
        homozygousCount = twos + (n - ones)
    }

    /// No spread in plink2's sense: every call the same homozygote, every call heterozygous, or no call at all.
    var hasNoSpread: Bool {
        homozygousCount == 0 || (homozygousCount == calledCount && (sum == 0 || sum == 2 * calledCount))
    }

    /// A1 frequency over the called samples (NaN without calls).
    var allele1Frequency: Double { Double(sum) / Double(2 * calledCount) }

    /// Whether the squared genotype correlation with `other`, over the samples called in both, exceeds
    /// `threshold`: `cov² > threshold·var₁·var₂` in exact integer sums (n·Σxy − Σx·Σy and so on), as plink2 compares.
    func correlationExceeds(_ threshold: Double, with other: PackedDosages, sampleCount: Int) -> Bool {
        var n = 0, sx = 0, sxx = 0, sy = 0, syy = 0, sxy = 0
        if calledCount == sampleCount && other.calledCount == sampleCount {
            (n, sx, sxx, sy, syy) = (sampleCount, sum, sumOfSquares, other.sum, other.sumOfSquares)
            for w in called.indices {
                let a = atLeastOne[w], b = two[w], c = other.atLeastOne[w], d = other.two[w]
                sxy += (a & c).nonzeroBitCount + (a & d).nonzeroBitCount + (b & c).nonzeroBitCount
                    + (b & d).nonzeroBitCount
            }
        } else {
            for w in called.indices {
                let both = called[w] & other.called[w]
                let a = atLeastOne[w] & both, b = two[w] & both, c = other.atLeastOne[w] & both, d = other.two[w] & both
                n += both.nonzeroBitCount
                sxy += (a & c).nonzeroBitCount + (a & d).nonzeroBitCount + (b & c).nonzeroBitCount
                    + (b & d).nonzeroBitCount
                let ca = a.nonzeroBitCount, cb = b.nonzeroBitCount, cc = c.nonzeroBitCount, cd = d.nonzeroBitCount
                sx += ca + cb; sxx += ca + 3 * cb
                sy += cc + cd; syy += cc + 3 * cd
            }
        }
        let cov = Double(sxy * n - sx * sy)
        let var1 = Double(sxx * n - sx * sx), var2 = Double(syy * n - sy * sy)
        return cov * cov > threshold * var1 * var2
    }
}
