import Crypto
import Foundation

extension RiskModel {
    /// The canonical bytes the checksum covers: sorted-key JSON of the model without its checksum.
    func canonicalBytes() throws -> [UInt8] {
        var copy = self
        copy.checksum = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(copy))
    }

    /// `sha256:<hex>` of ``canonicalBytes()``.
    func computeChecksum() throws -> String {
        "sha256:" + SHA256.hash(data: try canonicalBytes()).hexString
    }

    /// The model as pretty-printed, checksummed JSON.
    public func fileBytes() throws -> [UInt8] {
        var copy = self
        copy.checksum = try computeChecksum()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(copy)) + [UInt8(ascii: "\n")]
    }

    /// Writes the model file atomically (temporary file, then rename).
    public func write(to path: String) throws {
        try AtomicFile.write(try fileBytes(), to: path, permissions: AtomicFile.shared)
    }

    /// Reads and verifies a model file.
    ///
    /// - Throws: ``InputFileError`` when the file cannot be opened; ``DataError`` when it is not a RiskKit model,
    ///   has another format version, is truncated or malformed, or its checksum does not match (edited or corrupted).
    public static func load(path: String) throws -> RiskModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputFileError(path: path, reason: (error as NSError).localizedFailureReason ?? "cannot be read")
        }
        return try decode(data, name: path)
    }

    /// Decodes and verifies model JSON; `name` is used in error messages.
    public static func decode(_ data: Data, name: String) throws -> RiskModel {
        struct Header: Decodable { var format: String?; var version: Int? }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw DataError(file: name, "not a readable RiskKit model: the JSON is truncated or malformed (\(describe(error)))")
        }
        guard header.format == formatName else {
            throw DataError(file: name, "not a RiskKit model file (\"format\" is \(header.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(formatName)\")")
        }
        guard header.version == currentVersion else {
            throw DataError(file: name, "model file version \(header.version.map(String.init) ?? "missing") is not supported; this RiskKit (\(RiskKitVersion.current)) reads version \(currentVersion)")
        }
        let model: RiskModel
        do {
            model = try JSONDecoder().decode(RiskModel.self, from: data)
        } catch {
            throw DataError(file: name, "model file is damaged: \(describe(error))")
        }
        guard let stored = model.checksum else {
            throw DataError(file: name, "model file has no checksum; it was not written by RiskKit or was edited")
        }
        let actual = try model.computeChecksum()
        guard stored == actual else {
            throw DataError(file: name, "checksum mismatch: the model file was edited or corrupted after it was written (stored \(stored), computed \(actual))")
        }
        try model.validateShape(name: name)
        return model
    }

    /// Checks internal consistency (coefficient count matches the schema).
    func validateShape(name: String) throws {
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
