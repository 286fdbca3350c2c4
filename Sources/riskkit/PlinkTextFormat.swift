import Foundation

/// A number as plink2 prints it: 6 significant digits (`%g`), `missing` when undefined (plink2 writes `NA` in
/// `.afreq` and `nan` in `.sscore`). Uses C `vsnprintf`, several times faster than `String(format:)` on Linux.
func plinkNumber(_ x: Double, missing: String) -> String {
    if x.isNaN { return missing }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { b in
        let n = withVaList([x]) { vsnprintf(b.baseAddress, 32, "%g", $0) }
        return b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: 32) { u in
            String(decoding: UnsafeBufferPointer(start: u, count: Int(n)), as: UTF8.self)
        }
    }
}

/// Several numbers as ``plinkNumber(_:missing:)`` prints them, joined by `separator`: one `vsnprintf` call for
/// all of them when none is undefined (each call's argument list costs more than the formatting).
func plinkNumbers(_ xs: [Double], separator: String, missing: String) -> String {
    guard !xs.contains(where: \.isNaN), separator.utf8.count == 1, separator != "%" else {
        return xs.map { plinkNumber($0, missing: missing) }.joined(separator: separator)
    }
    let format = Array(repeating: "%g", count: xs.count).joined(separator: separator)
    let capacity = 32 * xs.count
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { b in
        let n = withVaList(xs) { vsnprintf(b.baseAddress, capacity, format, $0) }
        return b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: capacity) { u in
            String(decoding: UnsafeBufferPointer(start: u, count: Int(n)), as: UTF8.self)
        }
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    let data = try? JSONEncoder().encode(s)
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
}

/// A JSON number at full precision, `null` when the value is missing or not finite.
func jsonNumber(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    return "\(x)"
}
