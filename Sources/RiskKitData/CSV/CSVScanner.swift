
/// A malformed quote found while scanning; `CSVReader` turns it into a `DataError` with the file and column name.
enum CSVSyntaxError: Error {
    /// A quoted field opened on `line` (0-based `field`) and the file ended before its closing quote.
    case unterminatedQuote(line: Int, field: Int)
    /// Something other than a comma or a line break follows the closing quote of `field` on `line`.
    case textAfterClosingQuote(line: Int, field: Int)
}

/// The RFC 4180 tokenizer: splits bytes into records and records into field spans, without copying any field.
///
/// A record ends at a line break (CRLF, LF or a lone CR) outside quotes, or at the end of the bytes. A field is
/// quoted only when its first byte is `"`; inside quotes, commas and line breaks are data and `""` is one quote.
/// Lines that are completely empty are skipped (as pandas does). Line numbers count physical lines, so a quoted
/// field holding line breaks moves the next record's line forward. Scanning is one pass over the bytes, O(length),
/// and the only storage is one reusable span buffer sized by the widest record.
struct CSVScanner: ~Copyable {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// 1-based physical line of `position`.
    private(set) var line: Int
    /// Offset where the last scanned record starts.
    private(set) var recordStart = 0
    /// 1-based line where the last scanned record starts.
    private(set) var recordLine = 0
    private var spans: UnsafeMutablePointer<CSVFieldSpan>
    private var capacity: Int
    /// Number of fields in the last scanned record.
    private(set) var fieldCount = 0

    /// A scanner over `count` bytes at `base`, starting at byte `position`, which lies on 1-based `line`.
    init(base: UnsafePointer<UInt8>, count: Int, position: Int, line: Int) {
        self.base = base
        self.count = count
        self.position = position
        self.line = line
        capacity = 64
        spans = .allocate(capacity: capacity)
    }

    deinit { spans.deallocate() }

    /// The spans of the last scanned record (valid until the next call to `nextRecord`).
    var fields: UnsafeBufferPointer<CSVFieldSpan> { UnsafeBufferPointer(start: spans, count: fieldCount) }

    /// Scans the next record; `false` at the end of the bytes.
    mutating func nextRecord() throws(CSVSyntaxError) -> Bool {
        var none = NoFieldConsumer()
        return try nextRecord(consumer: &none)
    }

    /// Scans the next record, offering each unquoted field to `consumer` first; `false` at the end of the bytes.
    /// Spans of consumed fields are marked `isConsumed`.
    ///
    /// The loop works on local copies of the position, line, field count and span buffer (written back on exit) so
    /// they stay in registers instead of being reloaded after every span store.
    mutating func nextRecord<Consumer: CSVFieldConsumer>(
        consumer: inout Consumer
    ) throws(CSVSyntaxError) -> Bool {
        let base = self.base, count = self.count
        var p = position
        var line = self.line
        // Skip empty lines.
        while p < count {
            let b = base[p]
            if b == 0x0A {
                line += 1
                p += 1
            } else if b == 0x0D {
                line += 1
                p += (p + 1 < count && base[p + 1] == 0x0A) ? 2 : 1
            } else {
                break
            }
        }
        if p >= count {
            position = p
            self.line = line
            return false
        }
        recordStart = p
        recordLine = line
        var spans = self.spans
        var capacity = self.capacity
        var fieldCount = 0
        defer {
            self.spans = spans
            self.capacity = capacity
            self.fieldCount = fieldCount
            self.line = line
        }
        while true {
            if fieldCount == capacity {
                let larger = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: capacity * 2)
                larger.moveInitialize(from: spans, count: fieldCount)
                spans.deallocate()
                spans = larger
                capacity *= 2
            }
            if p < count && base[p] == 0x22 {
                // Quoted field.
                let openLine = line
                var q = p + 1
                let start = q
                var doubled = false
                while true {
                    if q >= count { throw .unterminatedQuote(line: openLine, field: fieldCount) }
                    let c = base[q]
                    if c == 0x22 {
                        if q + 1 < count && base[q + 1] == 0x22 {
                            doubled = true
                            q += 2
                            continue
                        }
                        break
                    }
                    if c == 0x0A || (c == 0x0D && !(q + 1 < count && base[q + 1] == 0x0A)) { line += 1 }
                    q += 1
                }
                spans[fieldCount] = CSVFieldSpan(start: start, end: q, isQuoted: true, hasDoubledQuotes: doubled,
                                                 isConsumed: false)
                fieldCount += 1
                p = q + 1
                if p >= count { break }
                let c = base[p]
                if c == 0x2C {
                    p += 1
                    continue
                }
                if c == 0x0A || c == 0x0D { break }
                throw .textAfterClosingQuote(line: line, field: fieldCount - 1)
            } else {
                // Unquoted field: runs to the next comma or line break. All three bytes are below 0x2D, while
                // digits, letters, `.` and `-` are not, so eight bytes at a time are checked for any byte below
                // 0x2D (SWAR: (w − 0x2D…) & ~w & 0x80… flags the first such byte exactly); only flagged bytes
                // are looked at one by one.
                let start = p
                var terminator: UInt8 = 0
                if let end = consumer.consumeField(fieldCount, start: p, base: base, count: count) {
                    spans[fieldCount] = CSVFieldSpan(start: start, end: end, isQuoted: false, hasDoubledQuotes: false,
                                                     isConsumed: true)
                    fieldCount += 1
                    p = end
                    if p < count && base[p] == 0x2C {
                        p += 1
                        continue
                    }
                    break
                }
                while p + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                    let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
                    if below == 0 {
                        p += 8
                        continue
                    }
                    p += below.trailingZeroBitCount >> 3
                    let c = base[p]
                    if c == 0x2C || c == 0x0A || c == 0x0D {
                        terminator = c
                        break
                    }
                    p += 1
                }
                if terminator == 0 {
                    while p < count {
                        let c = base[p]
                        if c == 0x2C || c == 0x0A || c == 0x0D {
                            terminator = c
                            break
                        }
                        p += 1
                    }
                }
                spans[fieldCount] = CSVFieldSpan(start: start, end: p, isQuoted: false, hasDoubledQuotes: false,
                                                 isConsumed: false)
                fieldCount += 1
                if terminator == 0x2C {
                    p += 1
                    continue
                }
                break
            }
        }
        // Consume the record's line break, if any.
        if p < count {
            if base[p] == 0x0D && p + 1 < count && base[p + 1] == 0x0A { p += 2 } else { p += 1 }
            line += 1
        }
        position = p
        return true
    }
}
