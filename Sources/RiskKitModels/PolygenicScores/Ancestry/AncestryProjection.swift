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

    /// How the PCA variants were found, for a log line: "ancestry: 980 of 1000 PCA variants found; 20 absent and 0
    /// with other alleles count as the reference mean".
    public var matchSummary: String {
        let total = matchedVariants + absentVariants + mismatchedVariants
        let unmatched = absentVariants + mismatchedVariants > 0
            ? "; \(absentVariants) absent and \(mismatchedVariants) with other alleles count as the reference mean" : ""
        return "ancestry: \(matchedVariants) of \(total) PCA variants found\(unmatched)"
    }
}
