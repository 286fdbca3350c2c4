
/// One data record of a CSV file, lent to the body of `CSVReader.forEachRecord` and valid only during that call.
///
/// Fields are read in place from the file's bytes; nothing is copied unless you ask for a `String`. A field's
/// *value* is its text with the surrounding quotes removed and `""` turned into `"`; unquoted fields also lose
/// leading and trailing spaces and tabs (quoted fields are kept exactly). A value that is empty or `NA` is missing.
public struct CSVRecord: ~Copyable {
    let base: UnsafePointer<UInt8>
    let spans: UnsafeBufferPointer<CSVFieldSpan>
    /// The 1-based physical line on which the record starts.
    public let line: Int

    init(base: UnsafePointer<UInt8>, spans: UnsafeBufferPointer<CSVFieldSpan>, line: Int) {
        self.base = base
        self.spans = spans
        self.line = line
    }

    /// Number of fields (always the header's field count: ragged records are rejected before they are lent).
    public var fieldCount: Int { spans.count }

    /// Whether field `index` was enclosed in double quotes in the file.
    public func isQuoted(at index: Int) -> Bool { span(index).isQuoted }

    /// Calls `body` with the UTF-8 bytes of field `index`'s value (quotes removed, `""` unescaped, unquoted fields
    /// trimmed); the buffer is valid only inside `body`.
    public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Self.withValueBytes(base: base, span: span(index), body)
    }

    /// Field `index`'s value as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public func string(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether field `index` is missing (``MissingValue``: empty or `NA` after trimming blanks).
    public func isMissing(at index: Int) -> Bool {
        let (start, end) = Self.trimmedRange(base: base, span: span(index))
        return Self.isMissing(base: base, start: start, end: end)
    }

    /// Field `index` parsed as a decimal number (correctly rounded, see `DecimalNumber`); `nil` when it is missing
    /// or not a number.
    public func number(at index: Int) -> Double? {
        let span = span(index)
        if span.hasDoubledQuotes { return nil }
        let (start, end) = Self.trimmedRange(base: base, span: span)
        return DecimalNumber.parse(base + start, count: end - start)
    }

    /// Reads the fields `columns[k]` (−1: none) as numbers into `out[k·stride]`: `NaN` when the field is missing
    /// or there is no column, the value when it is a decimal number (as ``number(at:)``); stops at the first
    /// other field and returns its k (nil when all were read). For those, ``value(at:)`` says what they are.
    ///
    /// One call per record for a run of numeric columns: the loop over the fields stays inside this module.
    package func decimals(at columns: UnsafeBufferPointer<Int>, into out: UnsafeMutablePointer<Double>,
                          stride: Int) -> Int? {
        let count = spans.count
        for k in 0..<columns.count {
            let index = columns[k]
            if index < 0 {
                out[k * stride] = .nan
                continue
            }
            precondition(index < count, "field index \(index) is outside 0..<\(count)")
            let span = spans[index]
            let (start, end) = Self.trimmedRange(base: base, span: span)
            if Self.isMissing(base: base, start: start, end: end) {
                out[k * stride] = .nan
            } else if !span.hasDoubledQuotes, let number = DecimalNumber.parse(base + start, count: end - start) {
                out[k * stride] = number
            } else {
                return k
            }
        }
        return nil
    }

    /// Field `index` classified as ``FieldValue/init(parsing:)`` does: missing, a number, or text. Decimal
    /// numbers take the in-place parser (`DecimalNumber`, equal to `Double(String)` bit for bit); anything else
    /// goes through `FieldValue(parsing:)`, so both give the same value for the same text.
    public func value(at index: Int) -> FieldValue {
        if isMissing(at: index) { return .missing }
        if let number = number(at: index) { return .number(number) }
        return FieldValue(parsing: string(at: index))
    }

    /// The span of field `index`, trapping on an index outside `0..<fieldCount` (unsafe buffers check only in
    /// debug builds).
    @inline(__always)
    private func span(_ index: Int) -> CSVFieldSpan {
        precondition(index >= 0 && index < spans.count, "field index \(index) is outside 0..<\(spans.count)")
        return spans[index]
    }

    /// The value range of `span`: unquoted fields lose surrounding spaces and tabs.
    @inline(__always)
    static func trimmedRange(base: UnsafePointer<UInt8>, span: CSVFieldSpan) -> (Int, Int) {
        var start = span.start, end = span.end
        if span.isQuoted { return (start, end) }
        while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
        while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
        return (start, end)
    }

    /// Whether the bytes `start..<end` are a missing value (``MissingValue``).
    @inline(__always)
    static func isMissing(base: UnsafePointer<UInt8>, start: Int, end: Int) -> Bool {
        MissingValue.isMissing(base + start, count: end - start)
    }

    /// Calls `body` with the value bytes of `span`, unescaping `""` into a temporary buffer when present.
    static func withValueBytes<R>(
        base: UnsafePointer<UInt8>, span: CSVFieldSpan, _ body: (UnsafeRawBufferPointer) throws -> R
    ) rethrows -> R {
        let (start, end) = trimmedRange(base: base, span: span)
        if !span.hasDoubledQuotes {
            return try body(UnsafeRawBufferPointer(start: base + start, count: end - start))
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { buffer in
            var written = 0
            var i = start
            while i < end {
                buffer[written] = base[i]
                written += 1
                i += base[i] == 0x22 ? 2 : 1
            }
            return try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: written))
        }
    }
}
