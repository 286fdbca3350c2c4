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
        if half > 0 || (half == 0 && k.truncatingRemainder(dividingBy: 2) != 0) { k += 1 }
        if x.sign == .minus {
            out.append(UInt8(ascii: "-"))
        } else if plusSign {
            out.append(UInt8(ascii: "+"))
        }
        let q = UInt64(k)
        let scale = UInt64(p)
        appendInteger(q / scale, to: &out)
        guard digits > 0 else { return }
        out.append(UInt8(ascii: "."))
        var fraction = q % scale
        let start = out.count
        for _ in 0..<digits {
            out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            fraction /= 10
        }
        out[start...].reverse()
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

    /// The slow path of ``appendFixed(_:digits:plusSign:to:)``.
    private static func appendFormatted(_ x: Double, _ digits: Int, _ plusSign: Bool, _ out: inout [UInt8]) {
        out.append(contentsOf: String(format: "%\(plusSign ? "+" : "").\(digits)f", x).utf8)
    }
}
