
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
    ///
    /// Clean numeric cells are parsed by `NumericCellParser` while the scanner walks over them; the other cells of
    /// numeric columns (missing, padded, quoted, not numbers) by `parseNumericCells` once the record is split.
    /// Values go into a column-major block of `blockRows` rows (about 256 KB, so it stays in cache), and a full
    /// block is appended to each numeric column with one contiguous copy per column. Per-column roles, missing
    /// counts and non-binary counts live in flat buffers, so the per-cell work is a parse and a store with no
    /// reference counting, array uniqueness checks or page-scattered writes.
    /// - Throws: `DataError` for malformed CSV, a non-number in a numeric column, or a missing or repeated id.
    mutating func readRecords() throws {
        let reader = self.reader
        let file = reader.name
        let width = columns.count
        let blockRows = min(max(32_768 / width, 16), 1024)
        var columns = self.columns
        self.columns = []
        var lineNumbers: [Int] = []

        let roles = UnsafeMutablePointer<ColumnBuilder.Role>.allocate(capacity: width)
        let missing = UnsafeMutablePointer<Int>.allocate(capacity: width)
        let nonBinary = UnsafeMutablePointer<Int>.allocate(capacity: width)
        let block = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * width)
        for j in 0..<width { (roles + j).initialize(to: columns[j].role) }
        missing.initialize(repeating: 0, count: width)
        nonBinary.initialize(repeating: 0, count: width)
        defer {
            roles.deallocate()
            missing.deallocate()
            nonBinary.deallocate()
            block.deallocate()
        }
        var blockFill = 0

        /// Appends the first `blockFill` rows of the block to every still-numeric column.
        func flush(_ builders: UnsafeMutableBufferPointer<ColumnBuilder>) {
            for j in 0..<width where roles[j].isNumeric {
                let values = UnsafeBufferPointer(start: block + j &* blockRows, count: blockFill)
                builders[j].numbers.append(contentsOf: values)
            }
            blockFill = 0
        }

        var parser = NumericCellParser(roles: roles, width: width, stride: blockRows, nonBinary: nonBinary,
                                       cells: block)
        try columns.withUnsafeMutableBufferPointer { builders in
            try reader.forEachRecord(consumer: &parser) { record, parser in
                let row = lineNumbers.count
                let base = record.base
                let fields = record.spans
                if row == 0 {
                    let recordBytes = max(fields[fields.count - 1].end - fields[0].start, 1)
                    let estimate = reader.byteCount / recordBytes + reader.byteCount / recordBytes / 8 + 16
                    lineNumbers.reserveCapacity(estimate)
                    for j in 0..<width { builders[j].reserve(estimate) }
                }
                lineNumbers.append(record.line)
                let cells = parser.cells
                var j = 0
                while true {
                    j = Self.parseNumericCells(from: j, fields: fields, base: base, roles: roles, cells: cells,
                                               stride: blockRows, missing: missing, nonBinary: nonBinary)
                    if j == width { break }
                    let span = fields[j]
                    switch roles[j] {
                    case .inferred:
                        roles[j] = .categorical
                        builders[j].numbers = []
                        try builders[j].becomeCategorical(index: j, rows: row, reader: reader)
                        builders[j].appendCategory(base: base, span: span)
                    case .numeric:
                        throw DataError(file: file, line: record.line, column: builders[j].name,
                                        "the value is not a number (this column must be numeric)")
                    case .skipped:
                        break
                    case .categorical:
                        builders[j].appendCategory(base: base, span: span)
                    case .text:
                        builders[j].appendText(base: base, span: span)
                    case .id:
                        try builders[j].appendId(base: base, span: span, line: record.line, file: file)
                    }
                    j += 1
                }
                blockFill += 1
                if blockFill == blockRows { flush(builders) }
                parser.cells = block + blockFill
            }
            flush(builders)
        }
        for j in 0..<width where roles[j].isNumeric {
            columns[j].missingCount = missing[j]
            columns[j].hasNonBinaryValue = nonBinary[j] > 0
        }
        self.columns = columns
        self.lineNumbers = lineNumbers
    }

    /// Parses the cells of numeric columns from field `first` on into `cells` (`nan` when missing), counting
    /// missing and non-binary values, until a field whose column is not numeric or whose cell is not a number;
    /// cells `NumericCellParser` already parsed are skipped. Returns that field's index, or the field count when
    /// the record is done. A separate function with every input a parameter, so its loop keeps them in registers.
    @inline(never)
    private static func parseNumericCells(
        from first: Int, fields: UnsafeBufferPointer<CSVFieldSpan>, base: UnsafePointer<UInt8>,
        roles: UnsafeMutablePointer<ColumnBuilder.Role>, cells: UnsafeMutablePointer<Double>, stride: Int,
        missing: UnsafeMutablePointer<Int>, nonBinary: UnsafeMutablePointer<Int>
    ) -> Int {
        var j = first
        let width = fields.count
        while j < width && roles[j].isNumeric {
            let span = fields[j]
            if span.isConsumed {
                j += 1
                continue
            }
            let (start, end) = CSVRecord.trimmedRange(base: base, span: span)
            if CSVRecord.isMissing(base: base, start: start, end: end) {
                cells[j &* stride] = .nan
                missing[j] &+= 1
            } else if !span.hasDoubledQuotes, let value = DecimalNumber.parse(base + start, count: end - start) {
                cells[j &* stride] = value
                // v(v − 1) is 0 exactly for 0 and 1; counted without branching on the value.
                nonBinary[j] &+= value * (value - 1) != 0 ? 1 : 0
            } else {
                return j
            }
            j += 1
        }
        return j
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
