import RiskKitData

/// Thresholds of LD clumping (PLINK 1.9 `--clump-r2`, `--clump-kb`, `--clump-p1`, `--clump-p2`).
///
/// The defaults are RiskKit's for clumping-and-thresholding scores (r² 0.1, 250 kb, p1 = p2 = 1); PLINK 1.9's own
/// defaults are r² 0.5, 250 kb, p1 1e-4, p2 0.01.
public struct ClumpingOptions: Sendable, Equatable {
    /// A variant joins a clump when its r² with the index variant is strictly greater than this (0 ≤ r² < 1).
    public var r2Threshold: Double
    /// Window half-width in kilobases: members lie strictly closer than ⌊kb·1000⌋ bp to the index variant.
    public var windowKilobases: Double
    /// Index variants need p ≤ this (PLINK's p1).
    public var indexPThreshold: Double
    /// Members need p strictly below this (PLINK's p2, ≥ p1).
    public var memberPThreshold: Double

    /// Creates the options; ``validate()`` checks them.
    public init(r2Threshold: Double = 0.1, windowKilobases: Double = 250, indexPThreshold: Double = 1,
                memberPThreshold: Double = 1) {
        self.r2Threshold = r2Threshold
        self.windowKilobases = windowKilobases
        self.indexPThreshold = indexPThreshold
        self.memberPThreshold = memberPThreshold
    }

    /// PLINK 1.9's defaults: r² 0.5, 250 kb, p1 1e-4, p2 0.01.
    public static let plinkDefaults = ClumpingOptions(r2Threshold: 0.5, windowKilobases: 250, indexPThreshold: 1e-4,
                                                      memberPThreshold: 0.01)

    /// The window in base pairs, ⌊kb·1000⌋ (PLINK 1.9 truncates the same way).
    public var windowBasePairs: Int { Int((windowKilobases * 1000).rounded(.down)) }

    /// Checks the ranges PLINK 1.9 accepts.
    /// - Throws: ``DataError`` naming the offending threshold.
    public func validate() throws {
        guard r2Threshold >= 0, r2Threshold < 1 else {
            throw DataError(code: .clumpR2OutOfRange, "the r² threshold must be at least 0 and below 1, got \(r2Threshold)")
        }
        guard windowKilobases >= 0, windowKilobases * 1000 < Double(Int32.max) else {
            throw DataError(code: .clumpWindowOutOfRange, "the window must be between 0 and 2,147,483 kb, got \(windowKilobases)")
        }
        guard indexPThreshold > 0, indexPThreshold <= 1 else {
            throw DataError(code: .clumpIndexPOutOfRange, "the index p-value threshold must be in (0, 1], got \(indexPThreshold)")
        }
        guard memberPThreshold >= indexPThreshold, memberPThreshold <= 1 else {
            throw DataError(code: .clumpMemberPOutOfRange, "the member p-value threshold must lie between the index threshold \(indexPThreshold) and 1, got \(memberPThreshold)")
        }
    }
}
