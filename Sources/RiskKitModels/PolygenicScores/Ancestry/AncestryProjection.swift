import RiskKitLinearAlgebra

/// New samples placed in a reference PC space (see ``AncestryPCA/project(_:samples:blockSize:)``), with the
/// variant-matching counts a user needs to judge the result.
public struct AncestryProjection: Sendable {
    /// Samples × K PC scores, rows in the order of the projected sample subset.
    public var scores: Matrix
    /// PCA variants found with the same alleles (either orientation).
    public var matchedVariants: Int
    /// Of those, variants whose A1/A2 are swapped relative to the reference (dosage used as 2 − dosage).
    public var swappedVariants: Int
    /// PCA variants whose ID is not in the new fileset.
    public var absentVariants: Int
    /// PCA variants whose ID is present but with another allele pair (strand or coding mismatch); not used.
    public var mismatchedVariants: Int
    /// Per sample, missing calls among the matched variants (imputed to the reference mean).
    public var missingGenotypes: [Int]
}
