/// The sliding window of ``PairwiseLDPruning`` (plink2 `--indep-pairwise WINDOW[kb] [STEP] R2`).
public enum LDPruningWindow: Sendable, Equatable {
    /// `size` consecutive variants, moved `step` variants at a time (`1 ≤ step ≤ size`).
    case variants(size: Int, step: Int)
    /// Every variant within `basePairs` of the window's first one; the window moves to the next variant that lets
    /// its end advance (plink2's `kb` windows, step 1).
    case basePairs(Int)
}
