
/// One clump: an index variant and the variants it absorbed (PLINK 1.9 `.clumped` row: `SNP` and `SP2`).
public struct LDClump: Sendable, Equatable {
    /// The index variant (`.bim` index).
    public var index: Int
    /// The index variant's p-value.
    public var p: Double
    /// The absorbed variants with p < p2, ascending `.bim` index (PLINK's `SP2` list and order).
    public var members: [Int]
    /// The absorbed variants with p ≥ p2, ascending `.bim` index (in PLINK's `TOTAL` count, not in `SP2`).
    public var weakMembers: [Int]

    /// Creates a clump.
    public init(index: Int, p: Double, members: [Int], weakMembers: [Int] = []) {
        self.index = index
        self.p = p
        self.members = members
        self.weakMembers = weakMembers
    }

    /// Number of absorbed variants, index excluded (PLINK's `TOTAL`).
    public var total: Int { members.count + weakMembers.count }
}
