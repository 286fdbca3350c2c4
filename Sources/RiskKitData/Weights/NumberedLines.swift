
/// A non-empty line with its 1-based number and fields.
struct NumberedLine {
    let number: Int
    let raw: Substring
    let fields: [String]
}

/// Splits bytes into non-blank lines (LF or CRLF) and fields: on `separator`, or on runs of spaces and tabs when
/// nil. One pass over the bytes; a `String` is made per field only.
func numberedLines(_ bytes: [UInt8], separator: UInt8? = nil) -> [NumberedLine] {
    var result: [NumberedLine] = []
    bytes.withUnsafeBufferPointer { buf in
        var number = 0
        var lineStart = 0
        while lineStart < buf.count {
            number += 1
            var lineEnd = lineStart
            while lineEnd < buf.count && buf[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart && buf[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: buf[lineStart..<end])
            let blank = line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if !blank {
                var fields: [String] = []
                if let separator {
                    var start = 0
                    for k in 0...line.count where k == line.count || line[k] == separator {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[start..<k]), as: UTF8.self))
                        start = k + 1
                    }
                } else {
                    var start = -1
                    for k in 0...line.count {
                        let space = k == line.count || line[k] == UInt8(ascii: " ") || line[k] == UInt8(ascii: "\t")
                        if space {
                            if start >= 0 {
                                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[start..<k]), as: UTF8.self))
                            }
                            start = -1
                        } else if start < 0 {
                            start = k
                        }
                    }
                }
                let raw = line.first == UInt8(ascii: "#") ? Substring(String(decoding: line, as: UTF8.self)) : ""
                result.append(NumberedLine(number: number, raw: raw, fields: fields))
            }
            lineStart = lineEnd + 1
        }
    }
    return result
}
