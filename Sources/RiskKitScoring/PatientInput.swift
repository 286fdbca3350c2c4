import RiskKitModels
import RiskKitData

/// One patient's raw data, ready to be scored by a model.
public struct PatientInput: Sendable {
    /// The patient's identifier (from the id column), a row label such as `row 3` for files without one, or `nil`
    /// for a single patient given without an id.
    public var id: String?
    /// The 1-based file line the patient came from, when read from a file.
    public var line: Int?
    /// Each model feature's value, in schema order, parsed once as ``Feature/value(parsing:)`` reads a cell
    /// (numbers for numeric and binary features, text for categorical ones, `.missing` when missing or absent).
    public var cells: [FieldValue]
    /// Every field given for the patient, feature or not (policies may use fields the model does not).
    public var values: [String: FieldValue]

    /// Creates an input.
    public init(id: String?, line: Int?, cells: [FieldValue], values: [String: FieldValue]) {
        self.id = id
        self.line = line
        self.cells = cells
        self.values = values
    }

    /// Builds the input for `model` from named values (`--set k=v` pairs or a JSON object).
    ///
    /// Keys that are not model features are kept in ``values`` for the policy; absent features are missing and
    /// are imputed like missing cells.
    /// - Throws: ``DataError`` listing unknown keys only if none of the model's features is given at all.
    public init(model: RiskModel, fields: [String: String], id: String? = nil) throws {
        let names = model.schema.features.map(\.name)
        let given = names.filter { fields[$0] != nil }
        guard !given.isEmpty else {
            throw DataError(
                "none of the model's features was given; it uses: \(names.joined(separator: ", "))")
        }
        self.id = id ?? model.idColumn.flatMap { fields[$0] }
        self.line = nil
        let values = fields.mapValues { FieldValue(parsing: $0) }
        self.values = values
        // Numeric features share the policy's parse; categorical ones keep their text (levels match by text).
        self.cells = model.schema.features.map { f in
            f.kind == .categorical ? f.value(parsing: fields[f.name]) : values[f.name] ?? .missing
        }
    }
}
