/// The one rule for a missing raw value, used by the CSV reader, tables, the schema's encoder, `FieldValue` and
/// scoring: after trimming leading spaces and tabs and trailing spaces, tabs and carriage returns, the value is
/// empty or exactly `NA`.
package enum MissingValue {
    /// Whether the `count` UTF-8 bytes at `p` are a missing value.
    @inline(__always)
    package static func isMissing(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        let (start, end) = trimmed(p, count: count)
        return end == start || (end - start == 2 && p[start] == UInt8(ascii: "N") && p[start + 1] == UInt8(ascii: "A"))
    }

    /// Whether `text` is a missing value.
    package static func isMissing(_ text: some StringProtocol) -> Bool {
        var s = String(text)
        return s.withUTF8 { b in b.baseAddress.map { isMissing($0, count: b.count) } ?? true }
    }

    /// The byte range of the value inside `p[0..<count]` without the surrounding blanks the rule ignores.
    @inline(__always)
    package static func trimmed(_ p: UnsafePointer<UInt8>, count: Int) -> (start: Int, end: Int) {
        var start = 0, end = count
        while start < end && (p[start] == 0x20 || p[start] == 0x09) { start += 1 }
        while end > start && (p[end - 1] == 0x20 || p[end - 1] == 0x09 || p[end - 1] == 0x0D) { end -= 1 }
        return (start, end)
    }
}
