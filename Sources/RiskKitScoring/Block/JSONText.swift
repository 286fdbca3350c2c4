/// The pieces of JSON that ``PatientLineWriter`` writes directly, byte for byte as `JSONEncoder` writes them
/// for texts without control characters and finite numbers.
enum JSONText {
    /// The UTF-8 bytes of `text`, as they are.
    static func raw(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// `text` as a JSON string (`"` and `\` escaped; the caller excludes control characters), or `null`.
    static func string(_ text: String?) -> [UInt8] {
        var out: [UInt8] = []
        append(string: text, to: &out)
        return out
    }

    /// Whether `text` holds no control character (what the direct writer covers).
    static func isPlain(_ text: String) -> Bool { !text.utf8.contains { $0 < 0x20 } }

    /// Appends `text` as it is.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) { out.append(contentsOf: text.utf8) }

    /// Appends `text` as a JSON string, or `null`.
    static func append(string text: String?, to out: inout [UInt8]) {
        guard let text else { return append("null", to: &out) }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 || b == 0x5C { out.append(0x5C) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// Appends a finite number as `JSONEncoder` writes a `Double`: its description without a trailing `.0`.
    static func append(number x: Double, to out: inout [UInt8]) {
        let text = x.description
        if text.hasSuffix(".0") { out.append(contentsOf: text.utf8.dropLast(2)) } else { out.append(contentsOf: text.utf8) }
    }
}
