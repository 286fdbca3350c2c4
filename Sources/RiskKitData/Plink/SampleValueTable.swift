/// A phenotype or covariate file (`--pheno`, `--covar`): values keyed by sample, in either of two layouts.
///
/// - **PLINK 2 layout** (whitespace-separated): a first line starting `#FID` (or `FID`) names the columns
///   `FID IID …`; one starting `#IID` (or `IID`) names `IID …`. Without a header the columns are `FID IID` and then
///   values named `<prefix>1`, `<prefix>2`, … (plink2's `PHENO1…`, `COVAR1…`). Every data line must have as many
///   fields as the header. `-9`, `NA`, `nan` (any case) and `NONE` (plink2's missing category) are missing.
/// - **CSV** (RiskKit's own data files, RFC 4180 with a header; chosen for a `.csv` name or a first line that is
///   comma-separated): samples are matched by IID to the column `idColumn` (default `IID`, else `id`); a cell
///   missing under RiskKit's one rule (``MissingValue``: empty or `NA`) is missing.
///
/// Values stay text (nil when missing); the caller decides what is numeric, categorical or a case/control code.
public struct SampleValueTable: Sendable {
    /// The two layouts a file can have.
    public enum Layout: Sendable, Equatable {
        /// plink2's whitespace-separated `#FID IID …` / `#IID …` layout.
        case plink2
        /// A RiskKit CSV file with an id column.
        case csv
    }

    /// The path as given.
    public let path: String
    /// The file's layout.
    public let layout: Layout
    /// Value column names, in file order (the ID columns excluded).
    public let columns: [String]
    /// Whether the file has an FID column (otherwise samples are matched by IID alone).
    public let hasFamilyID: Bool
    /// Rows in file order.
    private let rows: [Row]
    private let rowByKey: [Key: Int]

    private struct Key: Hashable, Sendable {
        var familyID: String
        var individualID: String
    }

    private struct Row: Sendable {
        var line: Int
        var values: [String?]
    }

    /// Reads `path` in the layout its name or first line shows; unnamed value columns of a PLINK 2 file are called
    /// `defaultPrefix` + 1-based index; `idColumn` names a CSV file's id column.
    /// - Throws: ``InputFileError`` if it cannot be read; ``DataError`` (file, line, column) for a line with the
    ///   wrong number of fields, a duplicate or missing sample id, a header without value columns, or a CSV file
    ///   without the id column.
    public init(path: String, defaultPrefix: String, idColumn: String? = nil) throws {
        if try Self.isCSV(path: path) {
            try self.init(csv: path, idColumn: idColumn)
        } else {
            try self.init(plink2: path, defaultPrefix: defaultPrefix)
        }
    }

    /// A `.csv` name, or a first non-blank line with commas that whitespace does not split.
    private static func isCSV(path: String) throws -> Bool {
        if path.lowercased().hasSuffix(".csv") { return true }
        guard let first = try PlinkTextFile(path: path).lines.first else { return false }
        return first.tokens.count == 1 && first.tokens[0].contains(",")
    }

    private init(plink2 path: String, defaultPrefix: String) throws {
        let file = try PlinkTextFile(path: path)
        var lines = file.lines[...]
        var idColumns = 2
        var names: [String]?
        if let first = lines.first, let head = first.tokens.first {
            switch head {
            case "#FID", "FID": idColumns = 2; names = Array(first.tokens.dropFirst(2)); lines = lines.dropFirst()
            case "#IID", "IID": idColumns = 1; names = Array(first.tokens.dropFirst(1)); lines = lines.dropFirst()
            default: break
            }
            if let names, idColumns == 2, first.tokens.count < 2 || first.tokens[1] != "IID" {
                throw DataError(file: path, line: first.number, "the header must start `#FID IID` (found `\(names.first ?? "")` second)")
            }
        }
        let width = names.map { $0.count + idColumns } ?? (lines.first?.tokens.count ?? idColumns)
        guard width > idColumns else {
            throw DataError(file: path, line: file.lines.first?.number, "no value columns after the sample ID columns")
        }
        var table = Builder(path: path, columns: names ?? (1...(width - idColumns)).map { "\(defaultPrefix)\($0)" },
                            hasFamilyID: idColumns == 2)
        try table.checkColumnNames(line: file.lines.first?.number)
        for line in lines {
            guard line.tokens.count == width else {
                throw DataError(file: path, line: line.number, "\(line.tokens.count) fields, expected \(width)")
            }
            let key = Key(familyID: idColumns == 2 ? line.tokens[0] : "", individualID: line.tokens[idColumns - 1])
            let values = line.tokens.dropFirst(idColumns).map { Self.isPlinkMissing($0) ? nil : $0 }
            try table.add(key, line: line.number, values: Array(values))
        }
        self.init(table, layout: .plink2)
    }

    private init(csv path: String, idColumn: String?) throws {
        let reader = try CSVReader(path: path)
        let header = reader.header
        guard let id = idColumn ?? ["IID", "id"].first(where: header.contains) else {
            throw DataError(file: path, line: 1, "no sample id column: name it with --id (the file has \(header.joined(separator: ", ")))")
        }
        guard let idIndex = header.firstIndex(of: id) else {
            throw DataError(file: path, line: 1, column: id, "no such column; the file has \(header.joined(separator: ", "))")
        }
        let valueIndices = header.indices.filter { $0 != idIndex }
        var table = Builder(path: path, columns: valueIndices.map { header[$0] }, hasFamilyID: false)
        try table.checkColumnNames(line: 1)
        try reader.forEachRecord { record in
            guard !record.isMissing(at: idIndex) else {
                throw DataError(file: path, line: record.line, column: id, "the sample id is missing")
            }
            let values = valueIndices.map { record.isMissing(at: $0) ? nil : record.string(at: $0) }
            try table.add(Key(familyID: "", individualID: record.string(at: idIndex)), line: record.line, values: values)
        }
        self.init(table, layout: .csv)
    }

    private init(_ table: Builder, layout: Layout) {
        path = table.path
        self.layout = layout
        columns = table.columns
        hasFamilyID = table.hasFamilyID
        rows = table.rows
        rowByKey = table.rowByKey
    }

    /// Collects rows, refusing duplicate samples.
    private struct Builder {
        let path: String
        let columns: [String]
        let hasFamilyID: Bool
        var rows: [Row] = []
        var rowByKey: [Key: Int] = [:]

        func checkColumnNames(line: Int?) throws {
            if let duplicate = Dictionary(grouping: columns, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw DataError(file: path, line: line, column: duplicate, "column name appears twice")
            }
        }

        mutating func add(_ key: Key, line: Int, values: [String?]) throws {
            if let earlier = rowByKey[key] {
                throw DataError(file: path, line: line, "sample listed twice (first on line \(rows[earlier].line))")
            }
            rowByKey[key] = rows.count
            rows.append(Row(line: line, values: values))
        }
    }

    /// plink2's missing tokens: `-9`, `NA`, `nan` (any case), and `NONE`, plink2's missing category name.
    package static func isPlinkMissing(_ text: String) -> Bool {
        text == "-9" || text == "NONE" || text.lowercased() == "na" || text.lowercased() == "nan"
    }

    /// The number of samples in the file.
    public var sampleCount: Int { rows.count }

    /// The index of column `name`.
    /// - Throws: ``DataError`` naming the file and the columns it has when there is no such column.
    public func columnIndex(_ name: String) throws -> Int {
        guard let k = columns.firstIndex(of: name) else {
            throw DataError(file: path, column: name, "no such column; the file has \(columns.joined(separator: ", "))")
        }
        return k
    }

    /// The value of column `column` for `sample` (nil when missing) with its line number, or `nil` when the file
    /// does not list the sample (by FID and IID, or by IID alone when the file has no FID column).
    public func value(for sample: PlinkSample, column: Int) -> (text: String?, line: Int)? {
        let key = Key(familyID: hasFamilyID ? sample.familyID : "", individualID: sample.individualID)
        return rowByKey[key].map { (rows[$0].values[column], rows[$0].line) }
    }

    /// Every row's value of `column` (nil when missing) and line, in file order.
    public func values(column: Int) -> [(text: String?, line: Int)] {
        rows.map { ($0.values[column], $0.line) }
    }
}
