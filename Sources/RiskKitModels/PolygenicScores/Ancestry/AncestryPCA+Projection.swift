import RiskKitData
import RiskKitLinearAlgebra

extension AncestryPCA {
    /// Places `samples` of another `fileset` in this PC space: `pc_c = Σ_j x_j·V_jc` over the PCA variants found.
    ///
    /// Variants are matched by ID; the dosage is used as is when (A1, A2) equal the reference's, as 2 − dosage when
    /// they are swapped, and the variant is skipped (counted as mismatched) for any other allele pair. Each dosage is
    /// standardized with the reference frequency; a missing call, and every absent or mismatched variant, counts as
    /// the reference mean (contributes 0), so samples typed on fewer variants are shrunk toward the reference centre
    /// by roughly the missing fraction. Decodes the matched variants `blockSize` at a time (`dgemm` per block):
    /// O(n·M·K) time, O(n·blockSize) memory.
    /// - Throws: ``DataError`` naming the new `.bim` when none of the PCA variants is found, or when a PCA variant's
    ///   ID occurs twice there.
    public func project(_ fileset: PlinkFileset, samples: SampleSubset,
                        blockSize: Int = PlinkFileset.defaultBlockSize) throws -> AncestryProjection {
        precondition(blockSize > 0, "block size must be positive")
        let bim = fileset.prefix + ".bim"
        let m = variants.count, k = componentCount
        let wanted = Dictionary(variants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var found = [Int?](repeating: nil, count: m)
        for (t, v) in fileset.variants.enumerated() {
            guard let j = wanted[v.id] else { continue }
            if let first = found[j] {
                throw DataError(file: bim, line: t + 1, "variant ID `\(v.id)` is also on line \(first + 1); the ancestry PCA matches variants by ID, so it must occur once (drop duplicates, e.g. `plink2 --rm-dup`)")
            }
            found[j] = t
        }
        var matched: [(reference: Int, target: Int, flip: Bool)] = []
        var absent = 0, mismatched = 0, swapped = 0
        for j in 0..<m {
            guard let t = found[j] else {
                absent += 1
                continue
            }
            let ref = variants[j], new = fileset.variants[t]
            if new.allele1 == ref.allele1 && new.allele2 == ref.allele2 {
                matched.append((j, t, false))
            } else if new.allele1 == ref.allele2 && new.allele2 == ref.allele1 {
                matched.append((j, t, true))
                swapped += 1
            } else {
                mismatched += 1
            }
        }
        guard !matched.isEmpty else {
            throw DataError(file: bim, "none of the \(m) ancestry PCA variants is in this fileset with the reference alleles (\(absent) IDs absent, \(mismatched) with other alleles); check that both use the same variant IDs")
        }
        let n = samples.count
        var scores = Matrix(rows: n, columns: k)
        var missing = [Int](repeating: 0, count: n)
        var start = 0
        while start < matched.count {
            let part = matched[start..<Swift.min(matched.count, start + blockSize)]
            var block = fileset.decode(variants: part.map(\.target), samples: samples, missing: .nan)
            var weights = Matrix(rows: part.count, columns: k)
            block.withUnsafeMutableBufferPointer { x in
                for (c, entry) in part.enumerated() {
                    let p = variants[entry.reference].allele1Frequency
                    let center = 2 * p, scale = 1 / (2 * p * (1 - p)).squareRoot()
                    for i in 0..<n {
                        let g = x[i + c * n]
                        if g.isNaN {
                            x[i + c * n] = 0
                            missing[i] += 1
                        } else {
                            x[i + c * n] = ((entry.flip ? 2 - g : g) - center) * scale
                        }
                    }
                    for pc in 0..<k { weights[c, pc] = loadings[entry.reference + pc * m] }
                }
            }
            block.multiply(weights, beta: 1, into: &scores)
            start += part.count
        }
        return AncestryProjection(scores: scores, matchedVariants: matched.count, swappedVariants: swapped,
                                  absentVariants: absent, mismatchedVariants: mismatched, missingGenotypes: missing)
    }
}
