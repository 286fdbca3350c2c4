import RiskKitModels
import RiskKitData

/// Streams the patients of a CSV file for a model: header checked once, then one ``PatientInput`` per record.
///
/// Memory does not grow with the number of patients. Columns the model does not use are passed to the policy
/// through ``PatientInput/values``; the outcome column, if present, is ignored for scoring.
public struct PatientFile: Sendable {
    /// The underlying reader.
    public let reader: CSVReader
    /// Column index of each model feature (−1 for a genetic feature the file does not have).
    let featureColumns: [Int]
    /// Column index of the identifier, when the file has the model's id column (or the one requested).
    let idColumn: Int?
    /// The model's schema, which says how each feature's cell is read.
    let schema: FeatureSchema
    /// Whether each feature is categorical (its cell is read as text).
    let isCategorical: [Bool]

    /// Opens `path` and matches its header to `model`'s features.
    /// - Throws: ``InputFileError`` if the file is missing; ``DataError`` listing every required column the file
    ///   lacks, or naming a requested id column that is not there.
    public init(path: String, model: RiskModel, idColumn requestedID: String? = nil) throws {
        try self.init(reader: try CSVReader(path: path), model: model, idColumn: requestedID)
    }

    /// Matches the header of `reader` (a file, or CSV text held in memory such as standard input) to `model`'s
    /// features; errors name the reader's ``CSVReader/name``.
    /// - Throws: ``DataError`` as ``init(path:model:idColumn:)``.
    public init(reader: CSVReader, model: RiskModel, idColumn requestedID: String? = nil) throws {
        self.reader = reader
        let path = reader.name
        schema = model.schema
        isCategorical = model.schema.features.map { $0.kind == .categorical }
        let index = Dictionary(reader.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let names = model.schema.features.map(\.name)
        // A polygenic score feature comes from genotypes (``PatientScorer`` joins it by id).
        let missing = names.filter { index[$0] == nil && $0 != model.genetics?.feature }
        guard missing.isEmpty else {
            throw DataError(
                file: path, line: 1,
                "missing required column\(missing.count == 1 ? "" : "s") for this model: \(missing.joined(separator: ", "))")
        }
        featureColumns = names.map { index[$0] ?? -1 }
        if let requestedID {
            guard let i = index[requestedID] else {
                throw DataError(file: path, line: 1, column: requestedID, "id column not found in the header")
            }
            idColumn = i
        } else {
            idColumn = model.idColumn.flatMap { index[$0] }
        }
    }

    /// Calls `body` with each patient in file order.
    public func forEachPatient(_ body: (PatientInput) throws -> Void) throws {
        let header = reader.header
        try forEachRow(values: header.indices.map { $0 }) { id, line, cells, parsed in
            var values: [String: FieldValue] = [:]
            values.reserveCapacity(header.count)
            for (name, value) in zip(header, parsed) { values[name] = value }
            try body(PatientInput(id: id, line: line, cells: cells, values: values))
        }
    }

    /// Calls `body` with each record's id (or `row N`), line, feature cells in schema order
    /// (``featureCell(_:of:)``), and the values of the file columns `columns` (nil for a nil column), in file
    /// order; both arrays are reused for the next record.
    package func forEachRow(
        values columns: [Int?], _ body: (String, Int, [FieldValue], [FieldValue?]) throws -> Void
    ) throws {
        var cells = [FieldValue](repeating: .missing, count: schema.features.count)
        var values = [FieldValue?](repeating: nil, count: columns.count)
        var row = 0
        try reader.forEachRecord { record in
            row += 1
            for f in cells.indices { cells[f] = featureCell(f, of: record) }
            for (k, column) in columns.enumerated() { values[k] = column.map { record.value(at: $0) } }
            try body(id(of: record, row: row), record.line, cells, values)
        }
    }

    /// Feature f's cell in `record`, parsed once: ``CSVRecord/value(at:)``, or for a categorical feature its text
    /// as ``Feature/value(parsing:)`` reads it; missing for a genetic feature the file does not have.
    @inline(__always)
    package func featureCell(_ f: Int, of record: borrowing CSVRecord) -> FieldValue {
        let c = featureColumns[f]
        if c < 0 { return .missing }
        return isCategorical[f] ? Feature.categoricalValue(parsing: record.string(at: c)) : record.value(at: c)
    }

    /// A record's patient id: its id cell, or `row N` (1-based data row) without an id column.
    func id(of record: borrowing CSVRecord, row: Int) -> String {
        idColumn.map { record.string(at: $0) } ?? "row \(row)"
    }

    /// The column index of each name in the header (nil when absent).
    package func columns(named names: [String]) -> [Int?] {
        let index = Dictionary(reader.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return names.map { index[$0] }
    }
}
