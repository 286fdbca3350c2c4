
/// A reader for comma-separated files following RFC 4180, with a header row.
///
/// - Quoted fields may hold commas, line breaks (CR, LF or CRLF) and doubled quotes `""`; a quote is special only
///   as a field's first byte, and after a closing quote only a comma or a line break may follow.
/// - Records end with CRLF, LF or a lone CR; the last record may lack a line break; completely empty lines are
///   skipped; a UTF-8 byte order mark at the start is skipped.
/// - Every record must have as many fields as the header; header names must be non-empty and distinct. Names and
///   cells are field values as `CSVRecord` defines them (quotes removed, unquoted ones trimmed of spaces and tabs).
///
/// A file is memory-mapped (`mmap`), never copied; `forEachRecord` lends each record in place, so streaming a file
/// holds one reusable field-offset buffer and no per-row storage, and the pages already read are handed back to
/// the kernel as it goes. Errors are `DataError`s naming the file, the 1-based line and, when known, the column.
public struct CSVReader: Sendable {
    /// The path or name used in error messages.
    public let name: String
    /// The column names from the header row, in file order.
    public let header: [String]
    let bytes: CSVBytes
    /// Offset and line of the first byte after the header record.
    let dataStart: Int
    let dataStartLine: Int

    /// Opens and maps the file at `path` and reads its header.
    /// - Throws: `InputFileError` if the file cannot be opened; `DataError` for an empty file or a bad header.
    public init(path: String) throws {
        try self.init(bytes: try CSVBytes(path: path), name: path)
    }

    /// A reader over CSV text held in memory; `name` stands for the file in error messages.
    /// - Throws: `DataError` for empty input or a bad header.
    public init(bytes: [UInt8], name: String) throws {
        try self.init(bytes: CSVBytes(copying: bytes), name: name)
    }

    private init(bytes: CSVBytes, name: String) throws {
        self.bytes = bytes
        self.name = name
        var start = 0
        if bytes.count >= 3 && bytes.base[0] == 0xEF && bytes.base[1] == 0xBB && bytes.base[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(base: bytes.base, count: bytes.count, position: start, line: 1)
        let found: Bool
        do {
            found = try scanner.nextRecord()
        } catch {
            throw Self.dataError(error, file: name, header: nil)
        }
        guard found else { throw DataError(file: name, "the file is empty: expected a header row of column names") }
        var names: [String] = []
        var firstField: [String: Int] = [:]
        for (index, span) in scanner.fields.enumerated() {
            let text = CSVRecord.withValueBytes(base: bytes.base, span: span) { String(decoding: $0, as: UTF8.self) }
            if text.isEmpty {
                throw DataError(file: name, line: scanner.recordLine,
                                "header field \(index + 1) is empty: every column needs a name")
            }
            if let previous = firstField[text] {
                throw DataError(file: name, line: scanner.recordLine, column: text,
                                "duplicate column name (header fields \(previous + 1) and \(index + 1))")
            }
            firstField[text] = index
            names.append(text)
        }
        header = names
        dataStart = scanner.position
        dataStartLine = scanner.line
    }

    /// Calls `body` with each data record in file order, lending it for the duration of the call.
    ///
    /// Memory use does not depend on the number of rows. Stops at the first error thrown by `body`.
    /// - Throws: `DataError` for a record whose field count differs from the header's (naming the expected and found
    ///   counts), an unterminated quote (naming the line where it opened), text after a closing quote, or a file
    ///   without data rows; otherwise whatever `body` throws.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        var none = NoFieldConsumer()
        try forEachRecord(consumer: &none) { record, _ in try body(record) }
    }

    /// `forEachRecord(_:)`, offering unquoted fields to `consumer` as they are scanned (see `scanRecords`).
    func forEachRecord<Consumer: CSVFieldConsumer>(
        consumer: inout Consumer, _ body: (borrowing CSVRecord, inout Consumer) throws -> Void
    ) throws {
        let records = try scanRecords(limit: Int.max, consumer: &consumer, body)
        if records == 0 { throw noDataRows }
    }

    /// Lends the first `limit` data records (all when there are fewer) to `body`; returns how many it lent.
    func scanRecords(limit: Int, _ body: (borrowing CSVRecord) throws -> Void) throws -> Int {
        var none = NoFieldConsumer()
        return try scanRecords(limit: limit, consumer: &none) { record, _ in try body(record) }
    }

    /// Like `scanRecords(limit:_:)`, offering unquoted fields to `consumer` as they are scanned; `body` gets the
    /// consumer too, to prepare it for the next record.
    func scanRecords<Consumer: CSVFieldConsumer>(
        limit: Int, consumer: inout Consumer, _ body: (borrowing CSVRecord, inout Consumer) throws -> Void
    ) throws -> Int {
        var cursor = makeCursor()
        return try scan(&cursor, limit: limit, consumer: &consumer, body)
    }

    /// A cursor before the first data record.
    package func makeCursor() -> CSVRecordCursor {
        CSVRecordCursor(scanner: CSVScanner(base: bytes.base, count: bytes.count, position: dataStart, line: dataStartLine))
    }

    /// Lends the next `limit` data records after `cursor` (fewer at the end of the file) to `body`, moving the
    /// cursor past them; returns how many it lent. Reading a file batch by batch this way lends the records
    /// `forEachRecord(_:)` lends, with the same errors (a file without data rows is the caller's to report, see
    /// ``CSVRecordCursor/records``). A record with another number of fields than the header is handed to
    /// `malformed` as its error and counted; reading goes on unless it throws (the default throws the error).
    /// Quoting errors are always thrown: the record's end is then unknown.
    package func scan(_ cursor: inout CSVRecordCursor, limit: Int, malformed: (DataError) throws -> Void = { throw $0 },
                      _ body: (borrowing CSVRecord) throws -> Void) throws -> Int {
        var none = NoFieldConsumer()
        return try scan(&cursor, limit: limit, consumer: &none, malformed: malformed) { record, _ in try body(record) }
    }

    /// ``scan(_:limit:_:)`` offering unquoted fields to `consumer` as they are scanned.
    func scan<Consumer: CSVFieldConsumer>(
        _ cursor: inout CSVRecordCursor, limit: Int, consumer: inout Consumer,
        malformed: (DataError) throws -> Void = { throw $0 }, _ body: (borrowing CSVRecord, inout Consumer) throws -> Void
    ) throws -> Int {
        let base = bytes.base
        let width = header.count
        var records = 0
        while records < limit {
            do {
                guard try cursor.scanner.nextRecord(consumer: &consumer) else { break }
            } catch {
                throw Self.dataError(error, file: name, header: header)
            }
            if cursor.scanner.fieldCount != width {
                let error = DataError(file: name, line: cursor.scanner.recordLine,
                                      "expected \(width) fields as in the header, found \(cursor.scanner.fieldCount)")
                records += 1
                cursor.records += 1
                try malformed(error)
                continue
            }
            records += 1
            cursor.records += 1
            try body(CSVRecord(base: base, spans: cursor.scanner.fields, line: cursor.scanner.recordLine), &consumer)
            if cursor.scanner.position - cursor.released >= Self.releaseStride {
                cursor.released = bytes.release(cursor.released..<cursor.scanner.recordStart)
            }
        }
        return records
    }

    /// The error for a file with a header and no data rows.
    package var noDataRows: DataError { DataError(file: name, "no data rows after the header") }

    /// Pages are returned to the kernel in steps of this many bytes while streaming.
    private static let releaseStride = 64 << 20

    /// The number of bytes in the input, including the header.
    var byteCount: Int { bytes.count }

    /// The user-facing form of a scanner error.
    private static func dataError(_ error: CSVSyntaxError, file: String, header: [String]?) -> DataError {
        func column(_ field: Int) -> String? {
            guard let header, field < header.count else { return nil }
            return header[field]
        }
        switch error {
        case .unterminatedQuote(let line, let field):
            return DataError(file: file, line: line, column: column(field),
                             "unterminated quote: the quoted field opened on this line is never closed")
        case .textAfterClosingQuote(let line, let field):
            return DataError(file: file, line: line, column: column(field),
                             "text after a closing quote: a quoted field must end at a comma or line break"
                                + " (write a quote inside a quoted field as \"\")")
        }
    }
}

/// A reading position among a ``CSVReader``'s data records (``CSVReader/scan(_:limit:_:)``).
package struct CSVRecordCursor: ~Copyable {
    var scanner: CSVScanner
    /// The end of the bytes already handed back to the kernel.
    var released = 0
    /// Records lent so far.
    package internal(set) var records = 0
}
