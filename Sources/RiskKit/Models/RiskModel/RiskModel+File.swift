import Foundation

extension RiskModel: ChecksummedDocument {
    /// Used in file error messages.
    public static let documentKind = "model"

    /// Checks internal consistency (coefficient count matches the schema).
    public func validateShape(name: String) throws {
        let expected = ["(Intercept)"] + schema.encodedColumnNames
        guard coefficients.map(\.name) == expected else {
            throw DataError(file: name, "coefficients do not match the feature schema (expected \(expected.count) named \(expected.prefix(4).joined(separator: ", "))…)")
        }
        guard schema.center.count == schema.width, schema.scale.count == schema.width else {
            throw DataError(file: name, "feature schema standardization has the wrong length")
        }
    }
}

/// A short, user-facing account of a decoding error (which key, what went wrong).
func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return String(describing: error) }
    func path(_ context: DecodingError.Context) -> String {
        let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return p.isEmpty ? "" : " at `\(p)`"
    }
    switch decoding {
    case .dataCorrupted(let c): return "corrupted data\(path(c)): \(c.underlyingError.map { String(describing: $0) } ?? c.debugDescription)"
    case .keyNotFound(let key, let c): return "missing key `\(key.stringValue)`\(path(c))"
    case .typeMismatch(_, let c): return "wrong type\(path(c)): \(c.debugDescription)"
    case .valueNotFound(_, let c): return "missing value\(path(c))"
    @unknown default: return String(describing: decoding)
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal digits.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
