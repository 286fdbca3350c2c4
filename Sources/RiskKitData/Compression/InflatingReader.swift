internal import CZlib
import Foundation

/// Reads a file front to back in chunks, inflating it on the fly when it is gzip data (plain gzip or BGZF, whose
/// blocks are concatenated gzip members); other files are passed through as they are.
///
/// The file is memory-mapped (``MappedFile``); zlib's `inflate` runs with gzip header detection
/// (`windowBits = 15 + 16`) and restarts at each member, as ``GzipFile/inflate(_:name:)`` does for whole files.
/// Memory use is the mapping plus the caller's buffer, independent of the file's size.
package final class InflatingReader {
    /// The path as given (used in error messages).
    package let path: String
    private let file: MappedFile
    private let isGzip: Bool
    private var offset = 0
    private var stream = z_stream()
    private var inMember = false

    /// Opens `path`.
    /// - Throws: ``InputFileError`` when the file cannot be opened or mapped.
    package init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        let head = file.bytes(offset: 0, length: Swift.min(2, file.count))
        isGzip = head.count == 2 && head[0] == 0x1f && head[1] == 0x8b
    }

    deinit { if inMember { inflateEnd(&stream) } }

    /// Appends up to `limit` decompressed bytes to `buffer`; returns how many, 0 at the end of the file.
    /// - Throws: ``DataError`` naming the file when the gzip data is corrupt or truncated.
    package func read(into buffer: inout [UInt8], limit: Int) throws -> Int {
        guard isGzip else {
            let n = Swift.min(limit, file.count - offset)
            guard n > 0 else { return 0 }
            buffer.append(contentsOf: file.bytes(offset: offset, length: n))
            offset += n
            return n
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: limit))
        var produced = 0
        try withExtendedLifetime(file) {
            let input = file.bytes(offset: 0, length: file.count)
            try buffer.withUnsafeMutableBufferPointer { out in
                while produced < limit {
                    if !inMember {
                        // Skip zero padding some tools append after the last member.
                        while offset < file.count && input[offset] == 0 { offset += 1 }
                        guard offset < file.count else { break }
                        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                            throw DataError(file: path, "cannot start gzip decompression")
                        }
                        inMember = true
                    }
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset)
                    stream.avail_in = uInt(Swift.min(file.count - offset, Int(UInt32.max)))
                    stream.next_out = out.baseAddress! + start + produced
                    stream.avail_out = uInt(limit - produced)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let consumed = Int(stream.next_in - UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self))) - offset
                    offset += consumed
                    produced = limit - Int(stream.avail_out)
                    switch status {
                    case Z_STREAM_END:
                        inflateEnd(&stream)
                        inMember = false
                    case Z_OK:
                        break
                    case Z_BUF_ERROR:
                        // No progress possible: fine when the output is full, else the input ended mid-member.
                        guard stream.avail_out == 0 else { throw DataError(file: path, "gzip data is truncated") }
                    default:
                        let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw DataError(file: path, "gzip data is corrupt (\(reason))")
                    }
                    if status == Z_OK && offset >= file.count && stream.avail_out != 0 {
                        throw DataError(file: path, "gzip data is truncated")
                    }
                }
            }
        }
        buffer.removeLast(limit - produced)
        return produced
    }
}
