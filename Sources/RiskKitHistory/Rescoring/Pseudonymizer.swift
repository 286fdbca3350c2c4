import Foundation
import RiskKitData

/// Keyed pseudonyms for patient ids, so a history can be kept without the ids themselves: HMAC-SHA256 of the id
/// under a secret key read from a file, as 64 hex digits. The same key gives the same pseudonym in every run, so
/// runs can be compared; without the key, a pseudonym cannot be turned back into an id or recomputed from one.
/// Reports that show ids recompute the pseudonyms of an extract at hand (``pseudonym(of:)``) and look them up.
public struct Pseudonymizer: Sendable {
    private let key: [UInt8]
    /// A fingerprint of the key (16 hex digits of an HMAC of a fixed text, revealing nothing of the key), recorded
    /// with each run so that a run made with another key is another run.
    public let fingerprint: String

    /// The shortest key accepted, in bytes.
    public static let minimumKeyBytes = 16

    /// Reads the key from `path`: its bytes, without one trailing line break (`openssl rand -hex 32 > FILE` makes
    /// a good one).
    /// - Throws: ``InputFileError`` when the file cannot be read; ``DataError`` naming the file when the key is
    ///   shorter than ``minimumKeyBytes`` or the file can be read by other users than its owner (a key others can
    ///   read pseudonymizes nothing).
    public init(keyFile path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(path: path, errorNumber: errno == 0 ? ENOENT : errno)
        }
        if info.st_mode & 0o077 != 0 {
            throw DataError(file: path, String(format: "the pseudonym key can be read by other users (mode %o); make it owner-only: chmod 600 %@", info.st_mode & 0o777, path))
        }
        var bytes = Array(data)
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard bytes.count >= Self.minimumKeyBytes else {
            throw DataError(file: path, "the pseudonym key is \(bytes.count) bytes long; use at least \(Self.minimumKeyBytes) (for example `openssl rand -hex 32`)")
        }
        self.init(key: bytes)
    }

    /// A pseudonymizer with `key`.
    public init(key: [UInt8]) {
        self.key = key
        fingerprint = String(KeyedDigest.hmacSHA256(key: key, message: Array("riskkit pseudonym key fingerprint".utf8)).prefix(16))
    }

    /// The pseudonym of `id`.
    public func pseudonym(of id: String) -> String {
        KeyedDigest.hmacSHA256(key: key, message: id.utf8)
    }

    /// The names a patient `id` may be stored under: the id itself, and with `pseudonyms` its pseudonym.
    public static func storedNames(of id: String, pseudonyms: Pseudonymizer?) -> [String] {
        [id] + (pseudonyms.map { [$0.pseudonym(of: id)] } ?? [])
    }
}
