import RiskKitData

extension FeatureSchema {
    /// Names that are required by default whenever they are features: a risk without them means little.
    static let alwaysRequired: Set<String> = ["age", "sex"]

    /// The schema with each feature marked required or optional and the declared applicable ranges set.
    ///
    /// By default a feature is required when it had no missing value in training, and `age` and `sex` always are;
    /// features in `imputedByDesign` (the polygenic score, imputed at its mean for patients without genotypes) are
    /// optional. `required` and `optional` override the default; they may also name `populationFields` (fields
    /// of the declared population that are no feature, see ``PopulationCriterion``). Returns notes for the training
    /// log about applicable ranges that reach beyond the observed training range (extrapolation).
    /// - Throws: ``DataError`` with ``DataError/Code/featureNotFound`` for a name that is no feature (suggesting
    ///   the closest), ``DataError/Code/applicableRangeNotNumeric`` for a range on a categorical feature.
    func declaringDomain(
        required: Set<String>, optional: Set<String>, applicable: [String: ValueRange],
        imputedByDesign: Set<String>, populationFields: Set<String> = []
    ) throws -> (schema: FeatureSchema, notes: [String]) {
        let names = features.map(\.name)
        for name in (required.union(optional).union(applicable.keys)).sorted()
        where !names.contains(name) && !populationFields.contains(name) {
            let hint = EditDistance.closest(to: name, among: names).map { "; did you mean `\($0)`?" }
                ?? "; the features are: \(names.joined(separator: ", "))"
            throw DataError(code: .featureNotFound, column: name, "not a feature of the model\(hint)")
        }
        var schema = self
        var notes: [String] = []
        for k in schema.features.indices {
            var feature = schema.features[k]
            let byDefault = (feature.missingInTraining == 0 || Self.alwaysRequired.contains(feature.name))
                && !imputedByDesign.contains(feature.name)
            feature.required = required.contains(feature.name) || (byDefault && !optional.contains(feature.name))
            if let range = applicable[feature.name] {
                guard feature.kind != .categorical else {
                    throw DataError(code: .applicableRangeNotNumeric, column: feature.name,
                                    "an applicable range needs a numeric feature; this one is categorical")
                }
                feature.applicable = range
                if let lo = feature.observedMin, let hi = feature.observedMax,
                   (range.lower ?? -.infinity) < lo || (range.upper ?? .infinity) > hi {
                    notes.append("`\(feature.name)`: applicable range \(range) reaches beyond the training range "
                                 + "\(ValueRange(lower: lo, upper: hi)); risks there are extrapolated")
                }
            }
            schema.features[k] = feature
        }
        return (schema, notes)
    }
}
