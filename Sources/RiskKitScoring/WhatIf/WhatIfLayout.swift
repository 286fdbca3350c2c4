import RiskKitRecommendations
import RiskKitData

/// Where a what-if plan finds its factors in a model: resolved once per scorer, from the policy's modifiable
/// factors and the model's schema.
package struct WhatIfLayout: Sendable {
    /// For each modifiable factor of the policy, the schema position of the numeric or binary feature of the same
    /// name (nil: the model has no such feature, so the factor never enters a plan).
    let factorFeatures: [Int?]
    /// For each modifiable factor, its field's unit in the policy.
    let units: [String?]
    /// Schema position of the numeric feature `age`, for the risk age.
    let ageFeature: Int?

    /// The layout of `policy`'s modifiable factors in `schema`.
    init(schema: FeatureSchema, policy: RecommendationPolicy?) {
        let features = schema.features
        let modifiable = policy?.modifiable ?? []
        factorFeatures = modifiable.map { factor in
            features.firstIndex { $0.name == factor.field && $0.kind != .categorical }
        }
        units = modifiable.map { factor in policy?.fields.first { $0.name == factor.field }?.unit }
        ageFeature = features.firstIndex { $0.name == "age" && $0.kind == .numeric }
    }
}
