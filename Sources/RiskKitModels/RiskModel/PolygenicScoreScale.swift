/// The scale on which a risk model takes its polygenic score (`train --prs-scale`).
///
/// JSON values: `raw`, `z1`, `z2`. The adjusted scales need the PRS model's ``AncestryReference``, which the risk
/// model then embeds.
public enum PolygenicScoreScale: String, Codable, Sendable, Equatable, CaseIterable {
    /// The raw weighted sum, as built (no ancestry adjustment).
    case raw
    /// Z_norm1: the score minus its mean predicted from the ancestry PCs, over the reference residual SD.
    case z1
    /// Z_norm2: the score minus its PC-predicted mean, over its PC-predicted SD (pgsc_calc's Z_norm2).
    case z2

    /// Whether the scale adjusts for genetic ancestry (and so needs an ancestry reference).
    public var isAncestryAdjusted: Bool { self != .raw }

    /// The value of `adjusted` on this scale (``AdjustedScore/raw``, ``AdjustedScore/zNorm1`` or
    /// ``AdjustedScore/zNorm2``).
    public func value(of adjusted: AdjustedScore) -> Double {
        switch self {
        case .raw: adjusted.raw
        case .z1: adjusted.zNorm1
        case .z2: adjusted.zNorm2
        }
    }
}
