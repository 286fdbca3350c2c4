import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// The per-patient safety checks of the scoring path, compiled once from a model and its policy: plausibility
/// (a value no patient can have is an error), applicability (a patient outside the model's population, or missing
/// a value it requires, gets no risk) and field names (a misspelt name is an error that suggests the right one).
///
/// Names are resolved to positions and ranges to flat bound arrays at construction; the per-patient methods take
/// values by position (model features in schema order, policy fields in ``RecommendationPolicy/fields`` order),
/// compare numbers only and allocate nothing when a patient passes, and cost O(features + policy fields). The
/// reason or error is built only for a patient who fails. The checks never print.
public struct PatientChecks: Sendable {
    /// The model's features, in schema order, with ``Feature/required`` set for the features named in the
    /// initializer's `requiring` that the model file says nothing about.
    public let features: [Feature]
    /// The features the clinical scoring path (``PatientScorer``) requires when the model file does not say
    /// (``Feature/required`` is nil, as in files written before it was recorded): no risk without age and sex.
    public static let requiredByDefault: Set<String> = ["age", "sex"]
    /// Each feature's plausible range, from the policy field of the same name (nil: none declared).
    public let featurePlausible: [ValueRange?]
    /// Each feature's unit, from the policy field of the same name (nil: none declared).
    public let featureUnits: [String?]
    /// Whether a required feature that is missing is imputed instead of stopping the assessment (research use).
    public let allowImputation: Bool
    /// Checks that cannot be done with these files, in words (empty when every check can be done), for a note:
    /// a model without training domain, a policy without plausible ranges.
    public let limitations: [String]
    /// The policy fields (not model features) with a plausible range, or of type `date`, as (policy field index,
    /// field).
    let fieldChecks: [(slot: Int, field: PolicyField)]
    /// ``fieldChecks`` by policy field index (nil: nothing to check for that field).
    let fieldCheckBySlot: [PolicyField?]
    /// Whether policy field k has a check (``fieldCheckBySlot`` non-nil), for the pass path.
    public let checksField: [Bool]
    /// Each feature's plausible range as bounds (±∞ when open or undeclared), for the pass path.
    @usableFromInline let plausibleLower: [Double], plausibleUpper: [Double]
    /// Each feature's applicable range as bounds (±∞ when open, undeclared or categorical), for the pass path.
    @usableFromInline let applicableLower: [Double], applicableUpper: [Double]
    /// Whether a missing value of each feature stops the assessment (required, and imputation not allowed).
    @usableFromInline let stopsWhenMissing: [Bool]
    /// The model's declared population on levels and on fields that are no feature.
    public let population: PopulationChecks
    /// Every name a patient record may use: features, policy fields, population fields and the id column.
    let knownNames: Set<String>
    /// ``knownNames`` in a fixed order, for suggestions and lists.
    let knownNamesInOrder: [String]

    /// Compiles the checks for `model` and `policy` (nil: no policy, so no plausible ranges); the features named in
    /// `requiring` are required when the model file does not say whether they are (see ``requiredByDefault``).
    public init(model: RiskModel, policy: RecommendationPolicy?, allowImputation: Bool = false,
                requiring defaultRequired: Set<String> = []) {
        features = model.schema.features.map { feature in
            var resolved = feature
            if feature.required == nil && defaultRequired.contains(feature.name) { resolved.required = true }
            return resolved
        }
        let fields = Dictionary(uniqueKeysWithValues: (policy?.fields ?? []).map { ($0.name, $0) })
        featurePlausible = features.map { fields[$0.name]?.plausible }
        featureUnits = features.map { fields[$0.name]?.unit }
        self.allowImputation = allowImputation
        plausibleLower = featurePlausible.map { $0?.lower ?? -.infinity }
        plausibleUpper = featurePlausible.map { $0?.upper ?? .infinity }
        let applicable = features.map { $0.kind == .categorical ? nil : $0.applicable }
        applicableLower = applicable.map { $0?.lower ?? -.infinity }
        applicableUpper = applicable.map { $0?.upper ?? .infinity }
        stopsWhenMissing = features.map { $0.required == true && !allowImputation }
        let featureNames = Set(features.map(\.name))
        fieldChecks = (policy?.fields ?? []).enumerated()
            .filter { !featureNames.contains($1.name) && ($1.plausible != nil || $1.type == .date) }
            .map { (slot: $0, field: $1) }
        var bySlot = [PolicyField?](repeating: nil, count: policy?.fields.count ?? 0)
        for (slot, field) in fieldChecks { bySlot[slot] = field }
        fieldCheckBySlot = bySlot
        checksField = bySlot.map { $0 != nil }
        var names = features.map(\.name) + (policy?.fields ?? []).map(\.name).filter { !featureNames.contains($0) }
        population = PopulationChecks(criteria: model.population ?? [], units: { fields[$0]?.unit },
                                      allowImputation: allowImputation)
        for name in population.fields where !names.contains(name) { names.append(name) }
        if let id = model.idColumn, !names.contains(id) { names.append(id) }
        knownNamesInOrder = names
        knownNames = Set(names)
        var limitations: [String] = []
        if model.schema.features.allSatisfy({ $0.required == nil && $0.applicable == nil }) {
            limitations.append("the model file records no training domain (observed ranges, required features): applicability cannot be checked")
        } else if !allowImputation, model.schema.features.contains(where: { $0.required == nil }) {
            limitations.append("the model file does not say which features are required: missing values are imputed")
        }
        if policy == nil || !(policy!.fields.contains { $0.plausible != nil }) {
            limitations.append("the policy declares no plausible ranges: plausibility cannot be checked")
        }
        self.limitations = limitations
    }

    // MARK: - Plausibility

    /// Throws if a value lies outside its plausible range: `cells[j]` is the value of feature `j` (schema order),
    /// `fieldValues[k]` that of policy field `k` (nil: not in the record); fields that are features are checked
    /// through `cells`. `date` fields must hold `YYYY-MM-DD` dates.
    /// - Throws: ``DataError`` with ``DataError/Code/implausibleValue`` naming the field, value, range and unit
    ///   (and `line`, when given), for the first implausible value in schema, then policy, order.
    public func checkPlausibility(cells: [FieldValue], fieldValues: [FieldValue?], line: Int? = nil) throws {
        for j in features.indices {
            if case .number(let x) = cells[j], let error = implausible(number: x, feature: j, line: line) { throw error }
        }
        for (slot, _) in fieldChecks {
            if let error = implausible(fieldValue: fieldValues[slot], slot: slot, line: line) { throw error }
        }
    }

    /// The error for policy field `slot`'s value (not a model feature) when it lies outside the field's plausible
    /// range, or is not a `YYYY-MM-DD` date for a `date` field; else `nil`: the per-value kernel of
    /// ``checkPlausibility(cells:fieldValues:line:)`` for policy fields.
    public func implausible(fieldValue: FieldValue?, slot: Int, line: Int? = nil) -> DataError? {
        guard checksField[slot], let field = fieldCheckBySlot[slot] else { return nil }
        switch fieldValue {
        case .number(let x)? where field.type == .number:
            if let range = field.plausible, !range.contains(x) {
                return Self.implausible(x, field: field.name, range: range, unit: field.unit, line: line)
            }
        case .text(let s)? where field.type == .date:
            if CalendarDate(parsing: s) == nil {
                return DataError(code: .implausibleValue, line: line, column: field.name, "`\(s)` is not a date (YYYY-MM-DD)")
            }
        default: break
        }
        return nil
    }

    /// The error for feature `j`'s value `x` when it lies outside the feature's plausible range, else `nil` (also
    /// for `NaN`, a missing value): the per-value kernel of ``checkPlausibility(cells:fieldValues:line:)`` for
    /// callers holding a column of numbers.
    @inlinable
    public func implausible(number x: Double, feature j: Int, line: Int? = nil) -> DataError? {
        guard x < plausibleLower[j] || x > plausibleUpper[j], let range = featurePlausible[j] else { return nil }
        return Self.implausible(x, field: features[j].name, range: range, unit: featureUnits[j], line: line)
    }

    /// "value 150 years is outside the plausible range 0–120 years", at the field (and line).
    @usableFromInline
    static func implausible(_ x: Double, field: String, range: ValueRange, unit: String?, line: Int?) -> DataError {
        let units = unit.map { " \($0)" } ?? ""
        return DataError(code: .implausibleValue, line: line, column: field,
                         "value \(FieldValue.number(x))\(units) is outside the plausible range \(range)\(units)")
    }

    // MARK: - Applicability

    /// Why the model cannot assess this patient, or `nil` when it can: `cells[j]` is the value of feature `j` in
    /// schema order. The first feature (schema order) outside its applicable range or required and missing gives
    /// the reason; see ``Feature/notAssessableReason(value:unit:allowImputation:)``. Text in a numeric feature is
    /// left to the encoder, which reports it as not a number.
    public func applicability(cells: [FieldValue]) -> NotAssessableReason? {
        for j in features.indices {
            let x: Double
            switch cells[j] {
            case .missing: x = .nan
            case .number(let d): x = d
            case .text:
                // A present level: only missingness matters for a categorical feature. Text in a numeric feature
                // is not a number; the encoder reports it.
                guard features[j].kind == .categorical else { continue }
                x = 0
            }
            if let reason = notAssessable(number: x, feature: j) { return reason }
        }
        return nil
    }

    /// The per-value kernel of ``applicability(cells:)``: feature `j`'s value `x` (`NaN`: missing; any other number
    /// for a present categorical level).
    @inlinable
    public func notAssessable(number x: Double, feature j: Int) -> NotAssessableReason? {
        // The pass path compares bounds; the failing feature states the reason.
        if admits(number: x, feature: j) { return nil }
        return features[j].notAssessableReason(value: x, unit: featureUnits[j], allowImputation: allowImputation)
    }

    /// Whether feature `j`'s value `x` lets the model assess the patient (``notAssessable(number:feature:)`` is
    /// nil): two comparisons, for the pass path of a block's rows.
    @inlinable @inline(__always)
    public func admits(number x: Double, feature j: Int) -> Bool {
        Self.admits(x, lower: applicableLower[j], upper: applicableUpper[j], stopsWhenMissing: stopsWhenMissing[j])
    }

    /// Whether a value `x` (`NaN`: missing) lets the model assess the patient, given its feature's applicable
    /// bounds and whether a missing value stops the assessment.
    @inlinable @inline(__always)
    static func admits(_ x: Double, lower: Double, upper: Double, stopsWhenMissing: Bool) -> Bool {
        x.isNaN ? !stopsWhenMissing : (x >= lower && x <= upper)
    }

    /// The applicable bounds and whether a missing value stops the assessment, of the features at `positions`
    /// (schema order), for a caller that holds those features' values side by side.
    func admissionBounds(of positions: [Int]) -> (lower: [Double], upper: [Double], stopsWhenMissing: [Bool]) {
        (positions.map { applicableLower[$0] }, positions.map { applicableUpper[$0] }, positions.map { stopsWhenMissing[$0] })
    }

    // MARK: - Field names

    /// Throws if a name given for a patient (`--set` keys, JSON object keys) is not a model feature, a policy
    /// field or the model's id column; the message suggests the closest known name (edit distance) or lists the
    /// known names. Extra columns of a CSV file are not checked with this.
    /// - Throws: ``DataError`` with ``DataError/Code/unknownField``: for one unknown name its `column` is the name
    ///   ("column `sistolic_bp`: not a field of the model or the policy; did you mean `systolic_bp`?"); several are
    ///   listed in the message, each with its suggestion.
    public func checkFieldNames(_ names: some Sequence<String>) throws {
        try Self.checkFieldNames(names, known: knownNames, knownInOrder: knownNamesInOrder)
    }

    /// ``checkFieldNames(_:)`` against the names `known` (in the order `knownInOrder`, for suggestions and lists).
    static func checkFieldNames(_ names: some Sequence<String>, known knownNames: Set<String>,
                                knownInOrder knownNamesInOrder: [String]) throws {
        let unknown = names.filter { !knownNames.contains($0) }.sorted()
        guard !unknown.isEmpty else { return }
        let suggestions = unknown.map { EditDistance.closest(to: $0, among: knownNamesInOrder) }
        let list = suggestions.contains { $0 != nil } ? "" : "; known fields are: \(knownNamesInOrder.joined(separator: ", "))"
        if unknown.count == 1 {
            throw DataError(code: .unknownField, column: unknown[0], "not a field of the model or the policy"
                            + (suggestions[0].map { "; did you mean `\($0)`?" } ?? list))
        }
        let described = zip(unknown, suggestions).map { name, suggestion in
            suggestion.map { "`\(name)` (did you mean `\($0)`?)" } ?? "`\(name)`"
        }
        throw DataError(code: .unknownField, "unknown fields \(described.joined(separator: ", "))\(list)")
    }
}
