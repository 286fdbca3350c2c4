import Foundation
import RiskKitData

extension PolicyParser {
    /// Throws when an object in the (already valid) JSON text repeats a key: `JSONDecoder` would silently keep
    /// one of them, hiding an editing mistake such as two `when` members in one rule.
    ///
    /// One pass over the bytes with a stack of the key sets of the open objects, each set updated in place; keys
    /// are compared as written (escape sequences are not decoded). Cost: O(bytes).
    func checkDuplicateKeys(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var stack: [Set<[UInt8]>?] = []  // nil for an array
            var expectKey = false
            var line = 1
            var i = 0
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\n"):
                    line += 1
                case UInt8(ascii: "{"):
                    stack.append([])
                    expectKey = true
                case UInt8(ascii: "["):
                    stack.append(nil)
                    expectKey = false
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    stack.removeLast()
                    expectKey = false
                case UInt8(ascii: ","):
                    expectKey = stack.last.map { $0 != nil } ?? false
                case UInt8(ascii: "\""):
                    let start = i + 1
                    i += 1
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                        if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                        i += 1
                    }
                    if expectKey, let top = stack.indices.last, stack[top] != nil {
                        let text = Array(bytes[start..<min(i, bytes.count)])
                        if !stack[top]!.insert(text).inserted {
                            let key = String(decoding: text, as: UTF8.self)
                            throw DataError(file: file, line: line,
                                            "key `\(key)` appears twice in the same object; keep one")
                        }
                        expectKey = false
                    }
                default:
                    break
                }
                i += 1
            }
        }
    }
}
