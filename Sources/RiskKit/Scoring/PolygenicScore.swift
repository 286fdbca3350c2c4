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
    /// Algorithm: variants in `.bim` order, decoded `blockSize` at a time into one reused column-major
    /// samples × block matrix of A1 dosages (NaN for missing); one pass turns it into named-allele dosages
    /// (imputed or 0 where missing) while counting missing calls and summing observed dosages per sample, then
    /// `cblas_dgemv` (``Matrix/multiply(_:transpose:alpha:beta:into:)``, β = 1) adds block × weights to the sums.
    /// O(N · M) time, O(N · blockSize) memory; with mean imputation one extra counting pass per variant.
    public static func compute(fileset: PlinkFileset, selection: GenotypeSelection, match: WeightMatch,
                               meanImputation: Bool, nonfounders: Bool = false,
                               blockSize: Int = PlinkFileset.defaultBlockSize) -> PolygenicScoreResult {
        precondition(blockSize > 0, "block size must be positive")
        let weights = match.weights.sorted { $0.variant < $1.variant }
        let samples = selection.samples
        let n = samples.count
        let frequencySamples = selection.frequencySamples(in: fileset, nonfounders: nonfounders)
        // The named-allele dosage that replaces a missing call.
        let fill: [Double] = weights.map { w in
            guard meanImputation else { return 0 }
            let f = fileset.genotypeCounts(variant: w.variant, samples: frequencySamples).allele1Frequency
            let a1 = f.isNaN ? 0 : 2 * f
            return w.countsA1 ? a1 : 2 - a1
        }
        var missing = [Int](repeating: 0, count: n)
        var named = [Double](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: n)
        var block = Matrix(rows: n, columns: Swift.min(blockSize, weights.count))
        var start = 0
        while start < weights.count {
            let end = Swift.min(weights.count, start + blockSize)
            if block.columns != end - start { block = Matrix(rows: n, columns: end - start) }
            fileset.decode(variants: weights[start..<end].map(\.variant), samples: samples, missing: .nan, into: &block)
            block.storage.withUnsafeMutableBufferPointer { a in
                for j in 0..<(end - start) {
                    let w = weights[start + j]
                    let (offset, sign): (Double, Double) = w.countsA1 ? (0, 1) : (2, -1)
                    let imputed = fill[start + j]
                    let column = j * n
                    for r in 0..<n {
                        let d = a[column + r]
                        if d.isNaN {
                            missing[r] += 1
                            a[column + r] = imputed
                        } else {
                            let x = offset + sign * d
                            named[r] += x
                            a[column + r] = x
                        }
                    }
                }
            }
            block.multiply(weights[start..<end].map(\.weight), alpha: 1, beta: 1, into: &sums)
            start = end
        }
        let m = weights.count
        let rows = (0..<n).map { r in
            let alleles = 2 * (m - missing[r])
            let denominator = meanImputation ? 2 * m : alleles
            return PolygenicScoreResult.Sample(
                sample: samples.indices[r], alleleCount: alleles, namedAlleleDosageSum: named[r], scoreSum: sums[r],
                scoreAverage: denominator == 0 ? .nan : sums[r] / Double(denominator))
        }
        return PolygenicScoreResult(samples: rows, variantCount: m, meanImputation: meanImputation)
    }
}
