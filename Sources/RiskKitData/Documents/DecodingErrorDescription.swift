import Foundation

/// A short, user-facing account of a decoding error (which key, what went wrong).
package func describe(_ error: any Error) -> String {
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
