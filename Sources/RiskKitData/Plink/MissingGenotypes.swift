/// What the decoders put in place of a missing genotype.
public enum MissingGenotypes: Sendable, Equatable {
    /// Missing calls become `NaN`.
    case nan
    /// Missing calls become 2·f, f = frequency of A1 over the non-missing selected samples of that variant
    /// (the column mean of observed dosages); 0 when no selected sample has a call.
    case meanImputed
}
