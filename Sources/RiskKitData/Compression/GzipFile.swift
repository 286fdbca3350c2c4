internal import CZlib
import Foundation

/// Reads files that may be gzip-compressed (PGS Catalog scoring files usually are).
///
/// Uses zlib's `inflate` with automatic gzip header detection (`windowBits = 15 + 16`), concatenated members
/// included (as `gzip -d` handles them). Files that do not start with the gzip magic bytes `1f 8b` are returned
/// as they are.
public enum GzipFile {
    /// The whole content of `path`, decompressed if it is gzip data.
    /// - Throws: ``InputFileError`` when the file cannot be read; ``DataError`` for corrupt or truncated gzip data.
    public static func read(path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "No such file or directory")
        }
        let bytes = [UInt8](data)
        return isGzip(bytes) ? try inflate(bytes, name: path) : bytes
    }

    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }

    /// Decompresses gzip data (all members); `name` is used in error messages.
    public static func inflate(_ input: [UInt8], name: String) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var stream = z_stream()
        var offset = 0
        try input.withUnsafeBufferPointer { inBuffer in
            while offset < input.count {
                guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                    throw DataError(file: name, "cannot start gzip decompression")
                }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + offset)
                stream.avail_in = uInt(input.count - offset)
                var status: Int32 = Z_OK
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        return CZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    guard status == Z_OK || status == Z_STREAM_END else {
                        let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw DataError(file: name, "gzip data is corrupt (\(reason))")
                    }
                    output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                    if status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0 {
                        throw DataError(file: name, "gzip data is truncated")
                    }
                } while status != Z_STREAM_END
                offset = input.count - Int(stream.avail_in)
                // Skip zero padding some tools append after the last member.
                while offset < input.count && input[offset] == 0 { offset += 1 }
            }
        }
        return output
    }
}
