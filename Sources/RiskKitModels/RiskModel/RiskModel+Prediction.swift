import Foundation

/// One feature's part in a patient's linear predictor.
public struct Contribution: Codable, Sendable, Equatable {
    /// The raw feature (column) name; the levels of a categorical feature are summed into it.
    public var feature: String
    /// `Σ β_j·(x_j − x̄_j)` over the feature's encoded columns: log-odds relative to an average training patient.
    public var value: Double

    /// Creates a contribution.
    public init(feature: String, value: Double) {
        self.feature = feature
        self.value = value
    }
}

extension RiskModel {
    /// Linear predictor (log odds) of one raw-scale encoded row: `β₀ + Σ β_j·x_j`.
    public func linearPredictor(encoded row: [Double]) -> Double {
        precondition(row.count == schema.width, "encoded row has \(row.count) values, model expects \(schema.width)")
        var eta = intercept
        for (j, b) in zip(0..<row.count, coefficients.dropFirst()) { eta += b.estimate * row[j] }
        return eta
    }

    /// The logistic function `1/(1+e^{−η})`, evaluated without overflow for large |η|.
    public static func probability(linearPredictor eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }

    /// Per-feature contributions to the linear predictor relative to the training mean of each encoded column,
    /// sorted by absolute size (largest first; equal sizes keep schema order). They add up to `η − η(mean patient)`.
    public func contributions(encoded row: [Double]) -> [Contribution] {
        zip(schema.features, featureContributions(encoded: row)).map { Contribution(feature: $0.name, value: $1) }
            .sorted { abs($0.value) > abs($1.value) }
    }

    /// Each feature's `Σ β_j·(x_j − x̄_j)` over its encoded columns (in column order), in schema order.
    package func featureContributions(encoded row: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(schema.features.count)
        var j = 0
        for feature in schema.features {
            var value = 0.0
            for _ in 0..<feature.width {
                value += coefficients[j + 1].estimate * (row[j] - schema.center[j])
                j += 1
            }
            result.append(value)
        }
        return result
    }
}
