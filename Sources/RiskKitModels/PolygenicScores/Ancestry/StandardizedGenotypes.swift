import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// The standardized genotype matrix of a PLINK fileset, as plink2 `--pca` and flashpca build it, read block by block
/// without ever holding all N × M values.
///
/// Entry `(i, j)` is `(g_ij − 2p_j) / √(2p_j(1 − p_j))`, where `g_ij` is sample i's A1 dosage at variant j and `p_j`
/// the A1 frequency over the frequency samples (by default the selected samples) with a call; a missing call becomes
/// 0 (the variant's mean). Variants
/// with no call or with `p_j` equal to 0 or 1 (monomorphic) would divide by zero and are left out: ``variants``
/// holds the `.bim` indices kept (the matrix's columns) and ``excludedVariantCount`` how many were dropped.
/// Storage order of each block: column-major `samples × block`, as decoded by
/// ``PlinkFileset/decode(variants:samples:missing:into:)``. Building it costs one counting pass over the selected
/// variants (O(M·N/4) bytes read); each ``forEachColumnBlock(_:)`` pass decodes and rescales every kept variant once,
/// O(N·M) time and O(N·``blockSize``) memory.
public struct StandardizedGenotypes: ColumnBlockMatrix, Sendable {
    /// The fileset read.
    public let fileset: PlinkFileset
    /// The samples (rows), in `.fam` order.
    public let samples: SampleSubset
    /// `.bim` indices of the kept variants (columns), in the order given.
    public let variants: [Int]
    /// A1 frequency `p_j` of each kept variant over the frequency samples with a call.
    public let allele1Frequencies: [Double]
    /// Variants left out because they had no call or only one allele among the selected samples.
    public let excludedVariantCount: Int
    /// Variants decoded per block.
    public let blockSize: Int

    /// Counts A1 alleles of `candidates` (`.bim` indices) over `frequencySamples` (default: `samples`; plink2
    /// `--pca` uses the founders) and keeps the polymorphic ones.
    public init(fileset: PlinkFileset, samples: SampleSubset, frequencySamples: SampleSubset? = nil,
                candidates: [Int], blockSize: Int = PlinkFileset.defaultBlockSize) {
        precondition(blockSize > 0, "block size must be positive")
        var kept: [Int] = [], frequencies: [Double] = []
        for v in candidates {
            let p = fileset.genotypeCounts(variant: v, samples: frequencySamples ?? samples).allele1Frequency
            if p > 0 && p < 1 {
                kept.append(v)
                frequencies.append(p)
            }
        }
        self.fileset = fileset
        self.samples = samples
        self.variants = kept
        self.allele1Frequencies = frequencies
        self.excludedVariantCount = candidates.count - kept.count
        self.blockSize = blockSize
    }

    /// N, the number of selected samples.
    public var rows: Int { samples.count }
    /// The number of kept variants.
    public var columns: Int { variants.count }

    /// Decodes the kept variants `blockSize` at a time and standardizes each block in place before calling `body`.
    public func forEachColumnBlock(_ body: (_ columns: Range<Int>, _ block: Matrix) throws -> Void) rethrows {
        var start = 0
        var block = Matrix(rows: rows, columns: Swift.min(blockSize, columns))
        while start < columns {
            let end = Swift.min(columns, start + blockSize)
            if block.columns != end - start { block = Matrix(rows: rows, columns: end - start) }
            fileset.decode(variants: variants[start..<end], samples: samples, missing: .nan, into: &block)
            let n = rows
            block.withUnsafeMutableBufferPointer { x in
                for j in 0..<(end - start) {
                    let p = allele1Frequencies[start + j]
                    let center = 2 * p, scale = 1 / (2 * p * (1 - p)).squareRoot()
                    for i in (j * n)..<((j + 1) * n) {
                        let g = x[i]
                        x[i] = g.isNaN ? 0 : (g - center) * scale
                    }
                }
            }
            try body(start..<end, block)
            start = end
        }
    }
}
