
/// A set of samples of a fileset, as ascending `.fam` indices, used by the counting and decoding kernels.
///
/// When the subset is every sample the kernels work on whole bytes through lookup tables; otherwise they
/// extract each selected sample's two bits.
public struct SampleSubset: Sendable, Equatable {
    /// Selected `.fam` indices, strictly ascending.
    public let indices: [Int]
    /// N, the fileset's sample count.
    public let sampleCount: Int

    /// A subset of the `sampleCount` samples; `indices` must be strictly ascending and in range.
    public init(indices: [Int], of sampleCount: Int) {
        precondition(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }, "sample indices must be strictly ascending")
        precondition(indices.allSatisfy { $0 >= 0 && $0 < sampleCount }, "sample index out of range")
        self.indices = indices
        self.sampleCount = sampleCount
    }

    /// All `sampleCount` samples.
    public static func all(_ sampleCount: Int) -> SampleSubset {
        SampleSubset(indices: Array(0..<sampleCount), of: sampleCount)
    }

    /// Number of selected samples.
    public var count: Int { indices.count }
    /// True when every sample is selected (the whole-byte fast paths apply).
    public var isAll: Bool { indices.count == sampleCount }
}
