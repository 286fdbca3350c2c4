import Foundation
import RiskKitLinearAlgebra

/// Everything needed to turn raw rows into design-matrix rows, learned once at training time and saved in the model.
///
/// The schema holds the features (kinds, levels, imputation values, missingness indicators) and the internal
/// standardization (`center`, `scale`) of every encoded column. Training and scoring both go through
/// ``Feature/encode(number:into:at:)`` and ``Feature/encode(levelIndex:into:at:)``: there is no second encoder.
public struct FeatureSchema: Codable, Sendable, Equatable {
    /// The features in design order.
    public var features: [Feature]
    /// Centering value of each encoded column (training mean of the encoded, imputed values).
    public var center: [Double]
    /// Scaling value of each encoded column (training standard deviation, population form `1/n`).
    public var scale: [Double]

    /// Options for ``learn(columns:options:)``.
    public struct Options: Sendable {
        /// Add a `missing(name)` indicator for features that had missing training values.
        public var missingIndicators: Bool
        /// Creates options.
        public init(missingIndicators: Bool = false) { self.missingIndicators = missingIndicators }
    }

    /// Names of all encoded columns (without the intercept), in design order.
    public var encodedColumnNames: [String] { features.flatMap(\.encodedColumnNames) }

    /// Number of encoded columns (without the intercept).
    public var width: Int { center.count }

    /// Learns a schema from named training columns and returns it with the standardized training design matrix
    /// (`n × (1 + width)`, column 0 the intercept of ones, column-major).
    ///
    /// Numeric columns whose non-missing values are all 0 or 1 become binary; numeric and binary features record
    /// their observed minimum and maximum. Imputation uses the mean
    /// (numeric), the most frequent value (binary) or the most frequent level (categorical; ties go to the
    /// first level). Categorical levels keep the given order; the first is the reference level.
    /// - Throws: ``DataError`` when a feature is constant or entirely missing (it cannot be estimated).
    public static func learn(
        columns: [(name: String, column: RawColumn)], options: Options = Options()
    ) throws -> (schema: FeatureSchema, design: Matrix) {
        var features: [Feature] = []
        features.reserveCapacity(columns.count)
        for (name, column) in columns {
            features.append(try learnFeature(name: name, column: column, options: options))
        }
        var schema = FeatureSchema(features: features, center: [], scale: [])
        var design = schema.rawDesign(columns: columns.map(\.column))
        let (center, scale) = design.columnMeansAndDeviations(skipping: 1)
        for (j, s) in scale.enumerated() where !(s > 0) {
            throw DataError(
                column: schema.encodedColumnNames[j],
                "encoded column is constant in the training data (after imputation); remove it or check the data")
        }
        schema.center = center
        schema.scale = scale
        schema.standardize(&design)
        return (schema, design)
    }

    private static func learnFeature(name: String, column: RawColumn, options: Options) throws -> Feature {
        switch column {
        case .numeric(let values):
            var sum = 0.0, count = 0, ones = 0, other = 0
            var minValue = Double.infinity, maxValue = -Double.infinity
            for v in values where !v.isNaN {
                sum += v
                count += 1
                if v == 1 { ones += 1 } else if v != 0 { other += 1 }
                minValue = Swift.min(minValue, v)
                maxValue = Swift.max(maxValue, v)
            }
            let missing = values.count - count
            guard count > 0 else { throw DataError(column: name, "every value is missing") }
            guard minValue < maxValue else {
                throw DataError(code: .constantFeature, column: name, "feature is constant (every value is \(FieldValue.number(minValue)))")
            }
            let binary = other == 0
            // Binary features impute their most frequent value (ties → 0); numeric ones their mean.
            let imputed = binary ? (ones * 2 > count ? 1.0 : 0.0) : sum / Double(count)
            var feature = Feature(
                name: name, kind: binary ? .binary : .numeric, levels: nil, referenceLevel: nil,
                imputedNumber: imputed, imputedLevel: nil,
                missingIndicator: options.missingIndicators && missing > 0, missingInTraining: missing)
            feature.observedMin = minValue
            feature.observedMax = maxValue
            return feature
        case .categorical(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            var missing = 0
            for c in codes { if c < 0 { missing += 1 } else { counts[Int(c)] += 1 } }
            let present = levels.indices.filter { counts[$0] > 0 }
            guard !present.isEmpty else { throw DataError(column: name, "every value is missing") }
            guard present.count > 1 else {
                throw DataError(code: .constantFeature, column: name, "feature is constant (every value is `\(levels[present[0]])`)")
            }
            let kept = present.map { levels[$0] }
            let mode = present.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
            return Feature(
                name: name, kind: .categorical, levels: kept, referenceLevel: kept[0], imputedNumber: nil,
                imputedLevel: levels[mode], missingIndicator: options.missingIndicators && missing > 0,
                missingInTraining: missing)
        }
    }
}
