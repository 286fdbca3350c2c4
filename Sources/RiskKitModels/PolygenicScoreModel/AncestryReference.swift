import RiskKitData

/// The ancestry part of a PRS model (`prs build --ancestry-pcs K`): the reference samples' principal components
/// (as variant loadings) and the regression of the score's mean and variance on them.
///
/// JSON keys: `pca` (``AncestryPCA``), `adjustment` (``AncestryAdjustment``).
public struct AncestryReference: Codable, Sendable, Equatable {
    /// Loadings and frequencies to place any sample in the reference PC space.
    public var pca: AncestryPCA
    /// Mean and variance of the score on the PCs, and the PC cloud for the outlier flag.
    public var adjustment: AncestryAdjustment

    /// Creates the ancestry reference.
    public init(pca: AncestryPCA, adjustment: AncestryAdjustment) {
        self.pca = pca
        self.adjustment = adjustment
    }

    /// Fits K PCs on `samples` of `fileset` (variants `variants`) and the score adjustment on their `scores`
    /// (one per sample, in subset order), as pgsc_calc does (see ``AncestryAdjustment``).
    public static func fit(
        fileset: PlinkFileset, samples: SampleSubset, variants: [Int], components: Int, scores: [Double]
    ) throws -> AncestryReference {
        let fit = try AncestryPCA.fit(fileset: fileset, samples: samples, variants: variants, components: components)
        let adjustment = try AncestryAdjustment.fit(pcs: fit.referenceScores, scores: scores,
                                                    options: AncestryAdjustmentOptions())
        return AncestryReference(pca: fit.pca, adjustment: adjustment)
    }

    /// Places `samples` of `fileset` against the reference: projects them on the PCs
    /// (``AncestryPCA/project(_:samples:blockSize:)``) and reports each one's `raw` score (one per sample, in subset
    /// order) adjusted for ancestry (``AncestryAdjustment/adjust(pcs:score:)``), in the same order.
    /// - Throws: as ``AncestryPCA/project(_:samples:blockSize:)``.
    public func adjust(_ fileset: PlinkFileset, samples: SampleSubset, raw: [Double]) throws
        -> (projection: AncestryProjection, scores: [AdjustedScore]) {
        precondition(raw.count == samples.count, "\(raw.count) scores for \(samples.count) samples")
        let projection = try pca.project(fileset, samples: samples)
        let k = pca.componentCount
        let scores = raw.enumerated().map { r, score in
            adjustment.adjust(pcs: (0..<k).map { projection.scores[r, $0] }, score: score)
        }
        return (projection, scores)
    }
}
