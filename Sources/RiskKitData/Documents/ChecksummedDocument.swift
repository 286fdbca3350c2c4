internal import Crypto
import Foundation

/// A JSON file RiskKit writes and reads back: a `format` name, a `version`, and a SHA-256 `checksum` over the rest,
/// so that an edited or truncated file is refused instead of silently giving other numbers.
public protocol ChecksummedDocument: Codable {
    /// The value of the file's `format` key.
    static var formatName: String { get }
    /// The format version this RiskKit writes and reads.
    static var currentVersion: Int { get }
    /// What the file is, for error messages ("model", "PRS model").
    static var documentKind: String { get }
    /// The file's `format` value as read.
    var format: String { get }
    /// The file's format `version` as read.
    var version: Int { get }
    /// `sha256:<hex>` of the sorted-key JSON without the checksum; nil before the document is written.
    var checksum: String? { get set }
    /// Checks consistency beyond decoding; `name` is the file, for messages.
    func validateShape(name: String) throws
}

extension ChecksummedDocument {
    /// The canonical bytes the checksum covers: sorted-key JSON of the document without its checksum.
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

    /// The document as pretty-printed, checksummed JSON.
    public func fileBytes() throws -> [UInt8] {
        var copy = self
        copy.checksum = try computeChecksum()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(copy)) + [UInt8(ascii: "\n")]
    }

    /// Writes the file atomically (temporary file, then rename), readable by all: it holds no individual's data.
    public func write(to path: String) throws {
        try AtomicFile.write(try fileBytes(), to: path, permissions: AtomicFile.shared)
    }

    /// Reads and verifies a file.
    ///
    /// - Throws: ``InputFileError`` when the file cannot be opened; ``DataError`` when it is not this kind of
    ///   document, has another format version, is truncated or malformed, or its checksum does not match.
    public static func load(path: String) throws -> Self {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputFileError(path: path, reason: (error as NSError).localizedFailureReason ?? "cannot be read")
        }
        return try decode(data, name: path)
    }

    /// Decodes and verifies JSON; `name` is used in error messages.
    public static func decode(_ data: Data, name: String) throws -> Self {
        // One full decode; the two header keys are read on their own only to explain a failure.
        let document: Self
        do {
            document = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            let header: DocumentHeader
            do {
                header = try JSONDecoder().decode(DocumentHeader.self, from: data)
            } catch {
                throw DataError(file: name, "not a readable RiskKit \(documentKind): the JSON is truncated or malformed (\(describe(error)))")
            }
            try checkHeader(format: header.format, version: header.version, name: name)
            throw DataError(file: name, "\(documentKind) file is damaged: \(describe(error))")
        }
        try checkHeader(format: document.format, version: document.version, name: name)
        guard let stored = document.checksum else {
            throw DataError(file: name, "\(documentKind) file has no checksum; it was not written by RiskKit or was edited")
        }
        // A file as RiskKit wrote it holds the canonical text itself (``canonicalText(of:)``); only when that
        // does not match is the document encoded again to compute its checksum (a millisecond at start-up).
        if "sha256:" + SHA256.hash(data: Self.canonicalText(of: Array(data))).hexString != stored {
            let actual = try document.computeChecksum()
            guard stored == actual else {
                throw DataError(file: name, "checksum mismatch: the \(documentKind) file was edited or corrupted after it was written (stored \(stored), computed \(actual))")
            }
        }
        try document.validateShape(name: name)
        return document
    }
}

/// The `format` a RiskKit document declares (`riskkit-model`, `riskkit-prs-model`, …), read on its own so that a
/// command taking either kind can tell which it was given; nil when the JSON does not read or has none.
public func documentFormat(of data: Data) -> String? {
    (try? JSONDecoder().decode(DocumentHeader.self, from: data))?.format
}

extension ChecksummedDocument {
    /// Refuses another kind of file or another format version.
    private static func checkHeader(format: String?, version: Int?, name: String) throws {
        guard format == formatName else {
            throw DataError(file: name, "not a RiskKit \(documentKind) file (\"format\" is \(format.map { "\"\($0)\"" } ?? "missing"), expected \"\(formatName)\")")
        }
        guard version == currentVersion else {
            throw DataError(file: name, "\(documentKind) file version \(version.map(String.init) ?? "missing") is not supported; this RiskKit (\(RiskKitVersion.current)) reads version \(currentVersion)")
        }
    }
}

extension ChecksummedDocument {
    /// The bytes ``canonicalBytes()`` gives for the document a file RiskKit wrote (``fileBytes()``) holds, made
    /// from the file's text without decoding it: the whitespace between tokens dropped, `/` in strings written
    /// `\/` (the file leaves slashes unescaped), and the top-level `checksum` member left out. Keys are already
    /// sorted and numbers and strings written by the same encoder, so for such a file the two are equal; for any
    /// other text the result is merely some other bytes, whose hash does not match the checksum. One pass, O(bytes).
    static func canonicalText(of text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var depth = 0
        var checksumKey: Int?  // where the top-level key `"checksum"` starts in `out`
        var i = 0
        while i < text.count {
            let byte = text[i]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            case UInt8(ascii: "\""):
                let start = out.count
                let isKey = depth == 1 && (out.last == UInt8(ascii: "{") || out.last == UInt8(ascii: ","))
                out.append(byte)
                i += 1
                while i < text.count && text[i] != UInt8(ascii: "\"") {
                    if text[i] == UInt8(ascii: "\\") {
                        out.append(text[i])
                        i += 1
                        if i < text.count { out.append(text[i]) }
                    } else if text[i] == UInt8(ascii: "/") {
                        out += [UInt8(ascii: "\\"), UInt8(ascii: "/")]
                    } else {
                        out.append(text[i])
                    }
                    i += 1
                }
                out.append(UInt8(ascii: "\""))
                if isKey && out[start...].elementsEqual("\"checksum\"".utf8) { checksumKey = start }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                out.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                out.append(byte)
            default:
                out.append(byte)
            }
            i += 1
        }
        guard let key = checksumKey else { return out }
        // The member `"checksum":<string or null>` and the comma that joins it to its neighbours.
        var end = key + "\"checksum\":".utf8.count
        if end < out.count && out[end] == UInt8(ascii: "\"") {
            end += 1
            while end < out.count && out[end] != UInt8(ascii: "\"") { end += out[end] == UInt8(ascii: "\\") ? 2 : 1 }
            end += 1
        } else {
            while end < out.count && out[end] != UInt8(ascii: ",") && out[end] != UInt8(ascii: "}") { end += 1 }
        }
        if end < out.count && out[end] == UInt8(ascii: ",") {
            out.removeSubrange(key...end)
        } else if key > 0 && out[key - 1] == UInt8(ascii: ",") {
            out.removeSubrange((key - 1)..<min(end, out.count))
        } else {
            out.removeSubrange(key..<min(end, out.count))
        }
        return out
    }
}

/// The two keys read on their own to explain why a document does not decode, to refuse another kind or version with a clear message.
private struct DocumentHeader: Decodable {
    var format: String?
    var version: Int?
}
