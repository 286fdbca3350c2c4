import RiskKitData

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

    /// Appends `text` as it is (a literal, so its bytes are copied as they are stored).
    @inline(__always)
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

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
        DecimalNumber.appendShortest(x, to: &out)
        if out.count >= 2 && out[out.count - 2] == UInt8(ascii: ".") && out[out.count - 1] == UInt8(ascii: "0") {
            out.removeLast(2)
        }
    }
}
