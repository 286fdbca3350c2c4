import RiskKitLinearAlgebra

/// A sequence of decoded genotype blocks: each element is the block's variant indices and its
/// `samples × block` dosage matrix (see ``PlinkFileset/decode(variants:samples:missing:into:)``).
///
/// Memory is one N × B block at a time; the iterator reuses its buffer when the caller has let go of the
/// previous block.
public struct GenotypeBlocks: Sequence, Sendable {
    /// The fileset read.
    public let fileset: PlinkFileset
    /// Variant indices, in output order.
    public let variants: [Int]
    /// Samples (matrix rows).
    public let samples: SampleSubset
    /// Missing-genotype handling.
    public let missing: MissingGenotypes
    /// Variants per block (≥ 1).
    public let blockSize: Int

    /// Creates the sequence; `blockSize` must be positive.
    public init(fileset: PlinkFileset, variants: [Int], samples: SampleSubset, missing: MissingGenotypes,
                blockSize: Int = PlinkFileset.defaultBlockSize) {
        precondition(blockSize > 0, "block size must be positive")
        self.fileset = fileset
        self.variants = variants
        self.samples = samples
        self.missing = missing
        self.blockSize = blockSize
    }

    /// Iterates the blocks in order.
    public struct Iterator: IteratorProtocol {
        let blocks: GenotypeBlocks
        var start = 0
        var buffer: Matrix?

        /// The next block's variant indices and dosages, or `nil` at the end.
        public mutating func next() -> (variants: ArraySlice<Int>, dosages: Matrix)? {
            guard start < blocks.variants.count else { return nil }
            let end = Swift.min(blocks.variants.count, start + blocks.blockSize)
            let slice = blocks.variants[start..<end]
            var m: Matrix
            if let b = buffer, b.columns == slice.count {
                m = b
                buffer = nil
            } else {
                m = Matrix(rows: blocks.samples.count, columns: slice.count)
            }
            blocks.fileset.decode(variants: slice, samples: blocks.samples, missing: blocks.missing, into: &m)
            buffer = m
            start = end
            return (slice, m)
        }
    }

    /// A fresh iterator.
    public func makeIterator() -> Iterator { Iterator(blocks: self) }
}
