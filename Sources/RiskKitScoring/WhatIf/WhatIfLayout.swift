import RiskKitRecommendations
import RiskKitData

/// Where a what-if plan finds its factors in a model: resolved once per scorer, from the policy's modifiable
/// factors and the model's schema, with every text a plan may show.
package struct WhatIfLayout: Sendable {
    /// For each modifiable factor of the policy, the schema position of the numeric or binary feature of the same
    /// name (nil: the model has no such feature, so the factor never enters a plan).
    let factorFeatures: [Int?]
    /// For each modifiable factor, its field's unit in the policy.
    let units: [String?]
    /// The distinct fields of the factors that are model features, in policy order: the ones a plan names when
    /// they were missing.
    let imputableFields: [(feature: Int, name: String)]
    /// Schema position of the numeric feature `age`, for the risk age, and the ages the model applies to.
    let ageFeature: Int?
    let ageRange: ValueRange?
    /// The text of each ``RiskAgeProblem`` (by raw value), such as "older than 79".
    let riskAgeReasons: [String]

    /// The layout of `policy`'s modifiable factors in `schema`.
    init(schema: FeatureSchema, policy: RecommendationPolicy?) {
        let features = schema.features
        let modifiable = policy?.modifiable ?? []
        factorFeatures = modifiable.map { factor in
            features.firstIndex { $0.name == factor.field && $0.kind != .categorical }
        }
        units = modifiable.map { factor in policy?.fields.first { $0.name == factor.field }?.unit }
        var imputable: [(feature: Int, name: String)] = []
        for case let f? in factorFeatures where !imputable.contains(where: { $0.feature == f }) {
            imputable.append((f, features[f].name))
        }
        imputableFields = imputable
        let age = features.firstIndex { $0.name == "age" && $0.kind == .numeric }
        ageFeature = age
        // The declared applicable ages, else the training ages: a risk age is not extrapolated beyond either.
        let range = age.flatMap { f in
            features[f].applicable ?? features[f].observedMin.flatMap { lo in
                features[f].observedMax.map { ValueRange(lower: lo, upper: $0) }
            }
        }
        ageRange = range
        riskAgeReasons = RiskAgeProblem.allCases.map { problem in
            switch problem {
            case .noAgeFeature: "the model has no age feature"
            case .ageImputed: "age was not given (imputed)"
            case .flat: "the model's risk does not change with age"
            case .noAgeRange: "the model records no age range"
            case .belowRange: "younger than \(range?.lower.map { FieldValue.number($0).description } ?? "")"
            case .aboveRange: "older than \(range?.upper.map { FieldValue.number($0).description } ?? "")"
            }
        }
    }
}
