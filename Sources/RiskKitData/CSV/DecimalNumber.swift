import Foundation

/// Correctly rounded parsing of decimal numbers written as text (CSV cells, weight files).
///
/// Accepted grammar: `[+|-] digits [. [digits]] [(e|E) [+|-] digits]` or `[+|-] . digits [exponent]`, so `1`, `-2.5`,
/// `+3`, `.5`, `5.`, `1e-3` and `1E+10` are numbers. `inf`, `nan`, hexadecimal floats, surrounding spaces and values
/// whose magnitude overflows `Double` are not.
///
/// Algorithm: one pass accumulates the digits into a `UInt64` (exact for up to 19 significant digits) and the
/// decimal exponent. When the digits fit in 53 bits and the exponent is within ±22, the value is one exactly rounded
/// multiplication or division by an exact power of ten (Clinger's fast path, with its extension for exponents up
/// to 22 + 15 when the scaled digits stay exact). Otherwise the text is copied, NUL-terminated, to the stack and
/// given to the C library's `strtod`, which is correctly rounded (glibc), so the result always equals
/// `Double(String)` bit for bit. Cost: O(length) and no heap allocation.
public enum DecimalNumber {
    /// Parses `text` as a decimal number; `nil` if it is not one (see the type's grammar).
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses the UTF-8 `bytes` as a decimal number; `nil` if they are not one (see the type's grammar).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        return parse(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    /// Parses exactly the `count` bytes at `p`; the hot entry point used by the CSV reader.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Double? {
        scan(p, limit: n, wholeInput: true)?.value
    }

    /// Parses the number that starts at `p` and ends at the first byte that cannot continue it (at most `limit`
    /// bytes); returns the value and the number of bytes it used. The caller checks what follows.
    @inline(__always)
    static func parsePrefix(_ p: UnsafePointer<UInt8>, limit: Int) -> (value: Double, end: Int)? {
        scan(p, limit: limit, wholeInput: false)
    }

    /// The parser behind `parse` and `parsePrefix`; with `wholeInput` the number must use all `limit` bytes.
    @inline(__always)
    private static func scan(
        _ p: UnsafePointer<UInt8>, limit n: Int, wholeInput: Bool
    ) -> (value: Double, end: Int)? {
        var i = 0
        var negative = false
        if n == 0 { return nil }
        if p[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if p[0] == UInt8(ascii: "+") {
            i = 1
        }
        // Digits accumulate with wrapping arithmetic; when there are more than 19 the count is redone below
        // without leading zeros, which contribute nothing to the sum.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < n {
            let d = p[i] &- 48
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        var digits = i - integerStart
        var exponent = 0
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            digits += i - fractionStart
            exponent = fractionStart - i
        }
        if digits == 0 { return nil }
        if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                negativeExponent = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            let exponentStart = i
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                if value < 1_000_000 { value = value * 10 + Int(d) }
                i += 1
            }
            if i == exponentStart { return nil }
            exponent += negativeExponent ? -value : value
        }
        if wholeInput && i != n { return nil }
        let end = i

        var truncated = false
        if digits > 19 {
            var k = integerStart
            while k < end && (p[k] == UInt8(ascii: "0") || p[k] == UInt8(ascii: ".")) {
                if p[k] == UInt8(ascii: "0") { digits -= 1 }
                k += 1
            }
            truncated = digits > 19
        }
        if !truncated && mantissa <= 1 << 53 {
            var value = Double(mantissa)
            if exponent >= 0 && exponent <= 22 {
                value *= exactPowerOfTen(exponent)
                return (negative ? -value : value, end)
            }
            if exponent < 0 && exponent >= -22 {
                value /= exactPowerOfTen(-exponent)
                return (negative ? -value : value, end)
            }
            if exponent > 22 && exponent <= 22 + 15 {
                // Move the excess exponent into the digits while they stay an exact integer below 2^53.
                let shifted = mantissa.multipliedReportingOverflow(by: UInt64(exactPowerOfTen(exponent - 22)))
                if !shifted.overflow && shifted.partialValue <= 1 << 53 {
                    value = Double(shifted.partialValue) * exactPowerOfTen(22)
                    return (negative ? -value : value, end)
                }
            }
            if mantissa == 0 { return (negative ? -0.0 : 0.0, end) }
        }
        return parseWithStrtod(p, count: end).map { ($0, end) }
    }

    /// 10^k for 0 ≤ k ≤ 22, all exactly representable in a `Double`.
    @inline(__always)
    static func exactPowerOfTen(_ k: Int) -> Double {
        powersOfTen.withUnsafeBufferPointer { $0[k] }
    }

    /// A constant array literal, so it is statically initialized (no lazy-initialization check on access).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The slow path: `strtod` on a NUL-terminated stack copy (the grammar was already checked).
    private static func parseWithStrtod(_ p: UnsafePointer<UInt8>, count n: Int) -> Double? {
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer -> Double in
            let chars = buffer.baseAddress!
            UnsafeMutableRawPointer(chars).copyMemory(from: p, byteCount: n)
            chars[n] = 0
            return strtod(chars, nil)
        }
        return value.isFinite ? value : nil
    }
}
