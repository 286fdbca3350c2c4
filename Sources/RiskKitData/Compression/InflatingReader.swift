internal import CZlib
import Dispatch
import Foundation
import Synchronization

/// Reads a file front to back in chunks, inflating it on the fly when it is gzip data (plain gzip or BGZF, whose
/// blocks are concatenated gzip members); other files are passed through as they are.
///
/// The file is memory-mapped (``MappedFile``); zlib's `inflate` runs with gzip header detection
/// (`windowBits = 15 + 16`) and restarts at each member, as ``GzipFile/inflate(_:name:)`` does for whole files.
/// BGZF (bgzip, `plink2 --export vcf bgz`) is recognized by its `BC` extra field, which gives each block's size;
/// its trailer gives the block's inflated size, so a chunk's blocks are inflated independently into their places,
/// on ``threads`` threads at once. Memory use is the mapping plus the caller's buffer, independent of the file's size.
package final class InflatingReader {
    /// The path as given (used in error messages).
    package let path: String
    private let file: MappedFile
    private let isGzip: Bool
    private var offset = 0
    private var stream = z_stream()
    private var inMember = false
    private var isBGZF: Bool
    /// Threads that inflate BGZF blocks at once.
    package let threads: Int

    /// Opens `path`; `threads` BGZF blocks are inflated at once.
    /// - Throws: ``InputFileError`` when the file cannot be opened or mapped.
    package init(path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.path = path
        self.threads = Swift.max(1, threads)
        file = try MappedFile(path: path)
        let head = file.bytes(offset: 0, length: Swift.min(2, file.count))
        isGzip = head.count == 2 && head[0] == 0x1f && head[1] == 0x8b
        isBGZF = false
        isBGZF = isGzip && bgzfBlockSize(at: 0) != nil
    }

    /// The total size of the BGZF block at `offset` (`BSIZE + 1` from its `BC` extra subfield), nil when the
    /// member there is not a BGZF block (RFC 1952 header with FEXTRA; SAM/BAM specification §4.1).
    private func bgzfBlockSize(at offset: Int) -> Int? {
        guard offset + 18 <= file.count else { return nil }
        let h = file.bytes(offset: offset, length: 18)
        guard h[0] == 0x1f, h[1] == 0x8b, h[2] == 8, h[3] & 4 != 0 else { return nil }
        let extraLength = Int(h[10]) | Int(h[11]) << 8
        guard offset + 12 + extraLength <= file.count else { return nil }
        let extra = file.bytes(offset: offset + 12, length: extraLength)
        var k = 0
        while k + 4 <= extraLength {
            let length = Int(extra[k + 2]) | Int(extra[k + 3]) << 8
            if extra[k] == 66 && extra[k + 1] == 67 && length == 2 && k + 6 <= extraLength {
                return (Int(extra[k + 4]) | Int(extra[k + 5]) << 8) + 1
            }
            k += 4 + length
        }
        return nil
    }

    deinit { if inMember { inflateEnd(&stream) } }

    /// Appends up to `limit` decompressed bytes to `buffer`; returns how many, 0 at the end of the file.
    /// - Throws: ``DataError`` naming the file when the gzip data is corrupt or truncated.
    package func read(into buffer: inout [UInt8], limit: Int) throws -> Int {
        if isBGZF {
            let n = try readBlocks(into: &buffer, limit: limit)
            // A member without the BC field ends the block-wise path; the rest is inflated as a stream.
            if n > 0 || !isBGZF { return n > 0 ? n : try read(into: &buffer, limit: limit) }
            return 0
        }
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

    /// Inflates whole BGZF blocks from ``offset`` whose inflated sizes add up to at most `limit` (at least one
    /// block), `threads` blocks at a time, and appends them to `buffer`; 0 at the end of the file. Clears ``isBGZF``
    /// at a member that is not a BGZF block.
    private func readBlocks(into buffer: inout [UInt8], limit: Int) throws -> Int {
        var blocks: [(input: Range<Int>, output: Int, count: Int)] = []
        var o = offset, total = 0
        while o < file.count {
            if file.bytes(offset: o, length: 1)[0] == 0 { break }
            guard let size = bgzfBlockSize(at: o) else {
                isBGZF = false
                break
            }
            guard size >= 26, o + size <= file.count else { throw DataError(file: path, "gzip data is truncated") }
            let t = file.bytes(offset: o + size - 4, length: 4)
            let count = Int(t[0]) | Int(t[1]) << 8 | Int(t[2]) << 16 | Int(t[3]) << 24
            if !blocks.isEmpty && total + count > limit { break }
            blocks.append((o..<(o + size), total, count))
            total += count
            o += size
        }
        if blocks.isEmpty && isBGZF {
            // Only zero padding is left.
            offset = file.count
            return 0
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: total))
        let failure = Mutex<String?>(nil)
        try withExtendedLifetime(file) {
            nonisolated(unsafe) let input = file.bytes(offset: 0, length: file.count)
            buffer.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let base = out.baseAddress! + start
                let work = blocks
                let workers = Swift.min(threads, blocks.count)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for k in stride(from: w, to: work.count, by: workers) {
                        let block = work[k]
                        var stream = z_stream()
                        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                            failure.withLock { $0 = "cannot start gzip decompression" }
                            return
                        }
                        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + block.input.lowerBound)
                        stream.avail_in = uInt(block.input.count)
                        stream.next_out = base + block.output
                        stream.avail_out = uInt(block.count)
                        let status = CZlib.inflate(&stream, Z_FINISH)
                        let complete = status == Z_STREAM_END && stream.avail_out == 0
                        let reason = stream.msg.map { String(cString: $0) } ?? "a block's size does not match its trailer"
                        inflateEnd(&stream)
                        if !complete { failure.withLock { $0 = $0 ?? "gzip data is corrupt (\(reason))" } }
                    }
                }
            }
            if let message = failure.withLock({ $0 }) { throw DataError(file: path, message) }
        }
        offset = o
        return total
    }
}
