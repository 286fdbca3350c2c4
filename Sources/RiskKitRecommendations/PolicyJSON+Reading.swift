extension PolicyJSON {
    /// Why bytes are not JSON: what was found, and the 1-based line.
    struct SyntaxError: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    /// Reads one JSON value (RFC 8259) from `bytes`, which must hold nothing else but white space.
    ///
    /// Recursive descent over the bytes, one pass: each value is read as what its first byte says it is, so no
    /// value is tried as several types (decoding through `Decodable` tried a string as a boolean and a number
    /// first, each miss a thrown error; reading a policy took about 3 ms of a one-patient run). Numbers follow the
    /// JSON grammar and are converted by `Double(_:)` (correctly rounded); strings take every escape, `\uXXXX`
    /// surrogate pairs included. Objects keep the last of a repeated key (the caller reports repeats).
    /// - Throws: ``SyntaxError`` naming the line.
    static func read(_ bytes: [UInt8]) throws(SyntaxError) -> PolicyJSON {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.at == bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    /// A position in the bytes being read.
    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        /// Nesting deeper than this is refused rather than risking the stack.
        static let maximumDepth = 512

        func error(_ message: String) -> SyntaxError {
            SyntaxError(line: 1 + bytes[..<min(at, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, message: message)
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> PolicyJSON {
            skipSpace()
            guard at < bytes.count else { throw error("unexpected end of the file") }
            guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
            switch bytes[at] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("unexpected character `\(Character(Unicode.Scalar(bytes[at])))`")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let utf8 = Array(word.utf8)
            guard at + utf8.count <= bytes.count, bytes[at..<(at + utf8.count)].elementsEqual(utf8) else {
                throw error("unexpected word (expected \(word))")
            }
            at += utf8.count
        }

        mutating func object(depth: Int) throws(SyntaxError) -> PolicyJSON {
            at += 1
            var members: [String: PolicyJSON] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                let key = try string()
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw error("expected `:` after a key") }
                at += 1
                members[key] = try value(depth: depth + 1)
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of the file in an object") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                guard bytes[at] == UInt8(ascii: "}") else { throw error("expected `,` or `}` in an object") }
                at += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> PolicyJSON {
            at += 1
            var items: [PolicyJSON] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of the file in an array") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                guard bytes[at] == UInt8(ascii: "]") else { throw error("expected `,` or `]` in an array") }
                at += 1
                return .array(items)
            }
        }

        /// A number by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(SyntaxError) -> Double {
            let start = at
            func digits() -> Int {
                let from = at
                while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") { at += 1 }
                return at - from
            }
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            let integer = at
            guard digits() > 0 else { throw error("a number needs digits") }
            if bytes[integer] == UInt8(ascii: "0"), at - integer > 1 { throw error("a number must not start with 0") }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { throw error("a number needs digits after `.`") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw error("a number needs digits in its exponent") }
            }
            guard let value = Double(String(decoding: bytes[start..<at], as: UTF8.self)), value.isFinite else {
                throw error("number out of range")
            }
            return value
        }

        /// A string at `"`, its escapes resolved.
        mutating func string() throws(SyntaxError) -> String {
            at += 1
            let start = at
            // The common case, no escape: one copy of the bytes.
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 { at += 1 }
            if at < bytes.count, bytes[at] == UInt8(ascii: "\"") {
                at += 1
                return try text(bytes[start..<(at - 1)])
            }
            var out = Array(bytes[start..<at])
            while true {
                guard at < bytes.count else { throw error("unexpected end of the file in a string") }
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") { at += 1; return try text(out[...]) }
                guard byte >= 0x20 else { throw error("a control character in a string (write it as an escape)") }
                guard byte == UInt8(ascii: "\\") else { out.append(byte); at += 1; continue }
                at += 1
                guard at < bytes.count else { throw error("unexpected end of the file in a string") }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                        at += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("a lone UTF-16 surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("a lone UTF-16 surrogate in a \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error("unknown escape `\\\(Character(Unicode.Scalar(escape)))` in a string")
                }
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for byte in bytes[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
            }
            at += 4
            return value
        }

        /// `bytes` as text, refusing bytes that are not UTF-8.
        func text(_ bytes: ArraySlice<UInt8>) throws(SyntaxError) -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else { throw error("a string that is not UTF-8") }
            return s
        }
    }
}
