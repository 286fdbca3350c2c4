/// Reads the records of a `CSVReader` into column builders in one pass and assembles the `Table`.
struct TableBuilder {
    private let reader: CSVReader
    private let idColumn: String?
    private var columns: [ColumnBuilder]
    private var lineNumbers: [Int] = []

    /// Checks `options` against the header and assigns every column its role.
    /// - Throws: `DataError` for a name that is not a column (listing the available ones) or a column given to two
    ///   options.
    init(reader: CSVReader, options: TableOptions) throws {
        self.reader = reader
        idColumn = options.id
        let header = reader.header
        let available = Set(header)
        var roleByName: [String: (option: String, role: ColumnBuilder.Role)] = [:]
        let requests: [(String, [String], ColumnBuilder.Role)] = [
            ("categorical", options.categorical.sorted(), .categorical),
            ("numeric", options.numeric.sorted(), .numeric),
            ("exclude", options.exclude.sorted(), .skipped),
            ("text", options.text.sorted(), .text),
            ("id", options.id.map { [$0] } ?? [], .id),
        ]
        for (option, names, role) in requests {
            for name in names {
                guard available.contains(name) else {
                    throw DataError(file: reader.name, column: name,
                                    "no such column (given as \(option)); the columns are "
                                        + Self.list(header))
                }
                if let earlier = roleByName[name] {
                    throw DataError(file: reader.name, column: name,
                                    "the column is given both as \(earlier.option) and as \(option)")
                }
                roleByName[name] = (option, role)
            }
        }
        columns = header.map { ColumnBuilder(name: $0, role: roleByName[$0]?.role ?? .inferred) }
    }

    /// Reads every record. The first record sizes the column storage from the bytes per record.
    /// - Throws: `DataError` for malformed CSV, a non-number in a numeric column, or a missing or repeated id.
    mutating func readRecords() throws {
        let reader = self.reader
        let file = reader.name
        var columns = self.columns
        self.columns = []
        var lineNumbers: [Int] = []
        try columns.withUnsafeMutableBufferPointer { builders in
            try reader.forEachRecord { record in
                let row = lineNumbers.count
                let base = record.base
                let fields = record.spans
                if row == 0 {
                    let recordBytes = max(fields[fields.count - 1].end - fields[0].start, 1)
                    let estimate = reader.byteCount / recordBytes + reader.byteCount / recordBytes / 8 + 16
                    lineNumbers.reserveCapacity(estimate)
                    for j in builders.indices { builders[j].reserve(estimate) }
                }
                lineNumbers.append(record.line)
                for j in 0..<fields.count {
                    let span = fields[j]
                    switch builders[j].role {
                    case .skipped:
                        continue
                    case .inferred:
                        if builders[j].appendNumber(base: base, span: span) { continue }
                        try builders[j].becomeCategorical(index: j, rows: row, reader: reader)
                        builders[j].appendCategory(base: base, span: span)
                    case .numeric:
                        if builders[j].appendNumber(base: base, span: span) { continue }
                        throw DataError(file: file, line: record.line, column: builders[j].name,
                                        "`\(record.string(at: j))` is not a number (this column must be numeric)")
                    case .categorical:
                        builders[j].appendCategory(base: base, span: span)
                    case .text:
                        builders[j].appendText(base: base, span: span)
                    case .id:
                        try builders[j].appendId(base: base, span: span, line: record.line, file: file)
                    }
                }
            }
        }
        self.columns = columns
        self.lineNumbers = lineNumbers
    }

    /// The table of all non-excluded columns.
    func finish() -> Table {
        Table(source: reader.name, columns: columns.filter { $0.role != .skipped }.map { $0.finish() },
              lineNumbers: lineNumbers, idColumn: idColumn)
    }

    /// `names` as a backquoted list, shortened after 50 entries.
    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(50).map { "`\($0)`" }.joined(separator: ", ")
        return names.count > 50 ? shown + " and \(names.count - 50) more" : shown
    }
}
