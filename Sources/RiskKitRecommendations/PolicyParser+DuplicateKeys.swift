import Foundation
import RiskKitData

extension PolicyParser {
    /// Throws when an object in the (already valid) JSON text repeats a key: `JSONDecoder` would silently keep
    /// one of them, hiding an editing mistake such as two `when` members in one rule.
    ///
    /// One pass over the bytes with a stack of the key sets of the open objects; keys are compared as written
    /// (escape sequences are not decoded). Cost: O(bytes).
    func checkDuplicateKeys(_ data: Data) throws {
        var stack: [Set<[UInt8]>?] = []  // nil for an array
        var expectKey = false
        var line = 1
        var i = data.startIndex
        while i < data.endIndex {
            let byte = data[i]
            switch byte {
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
                var text: [UInt8] = []
                i += 1
                while i < data.endIndex, data[i] != UInt8(ascii: "\"") {
                    if data[i] == UInt8(ascii: "\\") {
                        text.append(data[i])
                        i += 1
                    }
                    text.append(data[i])
                    i += 1
                }
                if expectKey, var keys = stack.last ?? nil {
                    if !keys.insert(text).inserted {
                        let key = String(decoding: text, as: UTF8.self)
                        throw DataError(file: file, line: line,
                                        "key `\(key)` appears twice in the same object; keep one")
                    }
                    stack[stack.count - 1] = keys
                    expectKey = false
                }
            default:
                break
            }
            i += 1
        }
    }
}
