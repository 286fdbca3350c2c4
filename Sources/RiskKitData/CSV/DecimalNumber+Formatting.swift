import Foundation

extension DecimalNumber {
    /// Appends `x` as `printf("%.<digits>f")` (with `plusSign`, `"%+.<digits>f"`) writes it, as UTF-8 bytes.
    ///
    /// Algorithm: the result is q = round(|x|·10^digits) to an integer, rounded half to even on an exact tie
    /// (glibc's printf on the exact binary value). t = |x|·10^digits is computed once; its floor k is corrected
    /// against the exact product with fused multiply–adds (the sign of fma(|x|, 10^digits, −c) is the sign of the
    /// exact |x|·10^digits − c), and the same test against k + ½ decides the rounding. Exact while q < 2^52;
    /// larger values, non-finite values and more than 15 digits go to `String(format:)`. The sign follows `x`'s
    /// sign bit, so −0.0 and negatives that round to zero print `-0.000…`, as printf does.
    package static func appendFixed(_ x: Double, digits: Int, plusSign: Bool = false, to out: inout [UInt8]) {
        let a = Swift.abs(x)
        guard x.isFinite, digits >= 0, digits <= 15 else { return appendFormatted(x, digits, plusSign, &out) }
        let p = exactPowerOfTen(digits)
        var k = (a * p).rounded(.down)
        guard k < 4.0e15 else { return appendFormatted(x, digits, plusSign, &out) }
        if (-k).addingProduct(a, p) < 0 {
            k -= 1
        } else if (-(k + 1)).addingProduct(a, p) >= 0 {
            k += 1
        }
        let half = (-(k + 0.5)).addingProduct(a, p)
        // k < 4·10^15 is an exact integer, so its parity is its low bit (no `fmod`).
        if half > 0 || (half == 0 && UInt64(k) & 1 == 1) { k += 1 }
        // The text is written backwards into a stack buffer (at most 16 + 1 + 15 digits, point and sign) and
        // appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var n = buffer.count
            func put(_ byte: UInt8) {
                n -= 1
                buffer[n] = byte
            }
            let scale = UInt64(p)
            var whole = UInt64(k) / scale, fraction = UInt64(k) % scale
            if digits > 0 {
                for _ in 0..<digits {
                    put(UInt8(ascii: "0") + UInt8(fraction % 10))
                    fraction /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if x.sign == .minus {
                put(UInt8(ascii: "-"))
            } else if plusSign {
                put(UInt8(ascii: "+"))
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[n...]))
        }
    }

    /// Appends the decimal digits of `value`.
    package static func appendInteger(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var v = value
        let start = out.count
        while v > 0 {
            out.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        }
        out[start...].reverse()
    }

    /// Appends `x` exactly as `x.description` writes it (shortest text that reads back as `x`), without building a
    /// `String`: `Double`'s `TextOutputStreamable` conformance hands its digits to ``ASCIISink`` as bytes.
    package static func appendShortest(_ x: Double, to out: inout [UInt8]) {
        var sink = ASCIISink()
        swap(&sink.bytes, &out)
        x.write(to: &sink)
        swap(&sink.bytes, &out)
    }

    /// The slow path of ``appendFixed(_:digits:plusSign:to:)``.
    private static func appendFormatted(_ x: Double, _ digits: Int, _ plusSign: Bool, _ out: inout [UInt8]) {
        out.append(contentsOf: String(format: "%\(plusSign ? "+" : "").\(digits)f", x).utf8)
    }
}

/// A byte array as a `TextOutputStream` that takes ASCII text as bytes (`_writeASCII`, the stream requirement a
/// number's `write(to:)` calls) instead of as a `String`.
private struct ASCIISink: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
