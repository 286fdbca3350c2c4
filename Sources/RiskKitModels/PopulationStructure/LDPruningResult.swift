/// The outcome of ``PairwiseLDPruning``: plink2's `.prune.in` and `.prune.out`.
public struct LDPruningResult: Sendable, Equatable {
    /// `.bim` indices kept, in the order given (`.prune.in`).
    public var kept: [Int]
    /// `.bim` indices removed, in the order given (`.prune.out`): in LD above the threshold with a kept variant,
    /// or without spread among the founders (one homozygote only, only heterozygotes, or no call).
    public var removed: [Int]
    /// Variants on chromosome 0 (unplaced), left out of both lists as plink2 does.
    public var unplacedCount: Int
}
