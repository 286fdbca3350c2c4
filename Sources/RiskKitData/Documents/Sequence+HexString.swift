
extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal digits, written straight into the string's storage (one allocation, none for up to
    /// 7 bytes).
    package var hexString: String {
        let bytes = Array(self)
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (k, b) in bytes.enumerated() {
                out[2 * k] = table[Int(b >> 4)]
                out[2 * k + 1] = table[Int(b & 15)]
            }
            return 2 * bytes.count
        }
    }
}
