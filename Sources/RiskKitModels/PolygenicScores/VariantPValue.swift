
/// An association p-value attached to one variant of a fileset (its `.bim` index).
public struct VariantPValue: Sendable, Equatable {
    /// The variant's index in the fileset's `.bim` order.
    public var variant: Int
    /// Its p-value, in [0, 1].
    public var p: Double

    /// Creates the pair.
    public init(variant: Int, p: Double) {
        self.variant = variant
        self.p = p
    }
}
