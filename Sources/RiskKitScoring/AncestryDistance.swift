import Foundation
import RiskKitModels

/// How far a patient's genetic ancestry lies from the reference samples of the model's polygenic score, for a model
/// on an ancestry-adjusted scale (see ``AncestryAdjustment``): the same distance and flag as `prs score --model`.
///
/// JSON keys: `mahalanobis_d2`, `pc_cloud_p`, `outside_reference`.
public struct AncestryDistance: Sendable, Equatable, Codable {
    /// Squared Mahalanobis distance of the patient's PCs from the reference PC mean.
    public var mahalanobisDistanceSquared: Double
    /// P(χ²(K) > D²).
    public var pcCloudPValue: Double
    /// Whether ``pcCloudPValue`` is below the reference's outlier level: the genetic part is then not assessed.
    public var outsideReference: Bool

    enum CodingKeys: String, CodingKey {
        case mahalanobisDistanceSquared = "mahalanobis_d2"
        case pcCloudPValue = "pc_cloud_p"
        case outsideReference = "outside_reference"
    }

    /// The distance of an adjusted score.
    public init(_ adjusted: AdjustedScore) {
        mahalanobisDistanceSquared = adjusted.mahalanobisDistanceSquared
        pcCloudPValue = adjusted.pcCloudPValue
        outsideReference = adjusted.isOutlier
    }

    /// Why the genetic part of a patient outside the reference is not assessed, naming the distance, the number of
    /// PCs and the reference's outlier level.
    public func notAssessableReason(reference: AncestryAdjustment) -> String {
        "ancestry outside the polygenic score's reference samples (Mahalanobis D² \(formatted(mahalanobisDistanceSquared)) "
            + "on \(reference.componentCount) PCs, p = \(formatted(pcCloudPValue)) < \(formatted(reference.outlierLevel))): "
            + "its ancestry adjustment would be an extrapolation; risk given at an average genetic background"
    }

    private func formatted(_ x: Double) -> String { String(format: "%.3g", x) }
}
