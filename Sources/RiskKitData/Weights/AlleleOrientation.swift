/// Which of a variant's two alleles an effect allele is, compared exactly as written (no strand flip): the one rule
/// by which weights, association results and score models are oriented to a `.bim`.
package enum AlleleOrientation {
    /// `true` when `effect` is `a1` (and `other`, when given, is `a2`); `false` when `effect` is `a2` (and `other`,
    /// when given, is `a1`); `nil` otherwise. A1 is preferred when both hold (`a1 == a2`).
    package static func effectIsA1(effect: String, other: String?, a1: String, a2: String) -> Bool? {
        if effect == a1 && (other == nil || other == a2) { return true }
        if effect == a2 && (other == nil || other == a1) { return false }
        return nil
    }
}
