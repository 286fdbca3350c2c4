
/// Accumulates one column's cells while a table is read, then produces the typed `Column`.
struct ColumnBuilder {
    /// How the column's cells are handled.
    enum Role: UInt8 {
        /// Numeric so far; turns categorical at the first cell that is not a number.
        case inferred
        /// Must be numeric: a cell that is not a number is an error.
        case numeric
        /// Excluded: cells are ignored.
        case skipped
        /// Categorical: level codes.
        case categorical
        /// Raw strings.
        case text
        /// Raw strings that must be present and unique.
        case id

        /// Whether cells are parsed as numbers (`inferred` or `numeric`).
        @inline(__always)
        var isNumeric: Bool { rawValue <= Role.numeric.rawValue }
    }

    let name: String
    var role: Role
    /// Whether the caller asked for a categorical column (its levels sort numerically when all are numbers).
    let isForcedCategorical: Bool
    /// Values of a numeric column, appended a block of rows at a time by `TableBuilder`.
    var numbers: [Double] = []
    var hasNonBinaryValue = false
    var codes: [Int32] = []
    var codeByLevel: [String: Int32] = [:]
    var levels: [String] = []
    var texts: [String?] = []
    var lineById: [String: Int] = [:]
    var missingCount = 0

    init(name: String, role: Role) {
        self.name = name
        self.role = role
        isForcedCategorical = role == .categorical
    }

    /// Reserves room for `rows` values in the storage the role uses.
    mutating func reserve(_ rows: Int) {
        switch role {
        case .inferred, .numeric: numbers.reserveCapacity(rows)
        case .categorical: codes.reserveCapacity(rows)
        case .text, .id: texts.reserveCapacity(rows)
        case .skipped: break
        }
    }

    /// Appends the cell's level code (-1 when missing), adding a new level on first sight.
    mutating func appendCategory(base: UnsafePointer<UInt8>, span: CSVFieldSpan) {
        let (start, end) = CSVRecord.trimmedRange(base: base, span: span)
        if CSVRecord.isMissing(base: base, start: start, end: end) {
            codes.append(-1)
            missingCount += 1
            return
        }
        let level = CSVRecord.withValueBytes(base: base, span: span) { String(decoding: $0, as: UTF8.self) }
        if let code = codeByLevel[level] {
            codes.append(code)
        } else {
            let code = Int32(levels.count)
            codeByLevel[level] = code
            levels.append(level)
            codes.append(code)
        }
    }

    /// Appends the cell's text (`nil` when missing).
    mutating func appendText(base: UnsafePointer<UInt8>, span: CSVFieldSpan) {
        let (start, end) = CSVRecord.trimmedRange(base: base, span: span)
        if CSVRecord.isMissing(base: base, start: start, end: end) {
            texts.append(nil)
            missingCount += 1
        } else {
            texts.append(CSVRecord.withValueBytes(base: base, span: span) { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// Appends the cell as an identifier.
    /// - Throws: `DataError` if it is missing or already seen (naming both lines).
    mutating func appendId(base: UnsafePointer<UInt8>, span: CSVFieldSpan, line: Int, file: String) throws {
        let (start, end) = CSVRecord.trimmedRange(base: base, span: span)
        if CSVRecord.isMissing(base: base, start: start, end: end) {
            throw DataError(file: file, line: line, column: name, "the id is missing: every row needs an id")
        }
        let id = CSVRecord.withValueBytes(base: base, span: span) { String(decoding: $0, as: UTF8.self) }
        if let previous = lineById.updateValue(line, forKey: id) {
            throw DataError(file: file, line: line, column: name,
                            "the id on line \(line) repeats the id on line \(previous); ids must be unique")
        }
        texts.append(id)
    }

    /// Turns a so-far numeric column categorical: drops the numbers and re-reads this column (field `index`) of
    /// the first `rows` records of `reader` as levels.
    mutating func becomeCategorical(index: Int, rows: Int, reader: CSVReader) throws {
        missingCount = 0
        role = .categorical
        codes.reserveCapacity(max(rows * 2, 16))
        _ = try reader.scanRecords(limit: rows) { record in
            appendCategory(base: record.base, span: record.spans[index])
        }
    }

    /// The order of a categorical column's levels (as first seen): `String` order, or numeric order when the
    /// column was forced categorical and every level is a number (so `2` comes before `10`).
    static func levelOrder(_ levels: [String], forcedCategorical: Bool) -> [Int] {
        let numericLevels = forcedCategorical ? levels.map { DecimalNumber.parse($0) } : []
        if forcedCategorical, !numericLevels.contains(nil) {
            return levels.indices.sorted { (numericLevels[$0]!, levels[$0]) < (numericLevels[$1]!, levels[$1]) }
        }
        return levels.indices.sorted { levels[$0] < levels[$1] }
    }

    /// The finished column.
    ///
    /// Numeric columns are `binary` when every non-missing value is 0 or 1 and at least one is present. Categorical
    /// levels are sorted in `String` order, then codes are remapped; levels of a column forced categorical sort by
    /// numeric value instead when all of them are numbers (so `2` comes before `10`).
    func finish() -> Column {
        switch role {
        case .skipped:
            preconditionFailure("excluded column `\(name)` has no values")
        case .inferred, .numeric:
            let isBinary = !hasNonBinaryValue && missingCount < numbers.count
            return Column(name: name, kind: isBinary ? .binary : .numeric, data: .numbers(numbers),
                          missingCount: missingCount)
        case .categorical:
            let order = Self.levelOrder(levels, forcedCategorical: isForcedCategorical)
            var newCode = [Int32](repeating: 0, count: levels.count)
            for (position, old) in order.enumerated() { newCode[old] = Int32(position) }
            let remapped = codes.map { $0 < 0 ? $0 : newCode[Int($0)] }
            return Column(name: name, kind: .categorical,
                          data: .categories(codes: remapped, levels: order.map { levels[$0] }),
                          missingCount: missingCount)
        case .text, .id:
            return Column(name: name, kind: .text, data: .texts(texts), missingCount: missingCount)
        }
    }
}
