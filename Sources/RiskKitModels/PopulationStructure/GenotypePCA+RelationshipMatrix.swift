import RiskKitData
import RiskKitLinearAlgebra

extension GenotypePCA {
    /// plink2's missingness-corrected GRM, lower triangle filled: `G_ik = Σ_j x_ij·x_kj / M_ik` with `M_ik` the
    /// variants called in both i and k.
    ///
    /// One `dsyrk` per block of standardized genotypes accumulates the numerator `X·Xᵀ`; a second read decodes the
    /// same blocks with missing calls as NaN and, for blocks that have any, accumulates `W·Wᵀ` of the 0/1 missing
    /// indicators (`dsyrk`), so `M_ik = M − miss_i − miss_k + (W·Wᵀ)_ik`. O(N²·M) flops, O(N²) memory, column-major.
    static func relationshipMatrix(_ x: StandardizedGenotypes) -> Matrix {
        let n = x.rows
        var grm = Matrix(rows: n, columns: n)
        x.forEachColumnBlock { _, block in block.accumulateRowGram(into: &grm) }
        var both = Matrix(rows: n, columns: n)
        var missing = [Double](repeating: 0, count: n)
        var raw = Matrix(rows: n, columns: 0)
        var start = 0
        while start < x.columns {
            let end = Swift.min(x.columns, start + x.blockSize)
            if raw.columns != end - start { raw = Matrix(rows: n, columns: end - start) }
            x.fileset.decode(variants: x.variants[start..<end], samples: x.samples, missing: .nan, into: &raw)
            var any = false
            raw.withUnsafeMutableBufferPointer { g in
                for j in 0..<(end - start) {
                    for i in 0..<n {
                        let isMissing = g[i + j * n].isNaN
                        g[i + j * n] = isMissing ? 1 : 0
                        if isMissing { missing[i] += 1; any = true }
                    }
                }
            }
            if any { raw.accumulateRowGram(into: &both) }
            start = end
        }
        let m = Double(x.columns)
        grm.withUnsafeMutableBufferPointer { g in
            both.storage.withUnsafeBufferPointer { w in
                for k in 0..<n {
                    for i in k..<n {
                        g[i + k * n] /= m - missing[i] - (i == k ? 0 : missing[k] - w[i + k * n])
                    }
                }
            }
        }
        return grm
    }
}
