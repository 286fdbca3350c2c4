internal import Crypto
import Foundation

/// Content digests of input files, for training provenance.
public enum FileDigest {
    /// SHA-256 of the file's bytes, as lower-case hex, read in 1 MiB chunks.
    /// - Throws: ``InputFileError`` when the file cannot be read.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFileError(path: path, reason: "No such file or it cannot be read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().hexString
    }

    /// SHA-256 of `bytes`, as lower-case hex.
    public static func sha256(bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).hexString
    }
}
