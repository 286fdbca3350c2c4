import Foundation

/// The lines of a file read through an ``InflatingReader`` (plain or gzip), one at a time, as byte ranges of a
/// buffer that holds one chunk: memory independent of the file's size.
package struct ByteLineReader {
    /// The decompressed bytes; a range returned by ``next()`` indexes it until the next call.
    package private(set) var buffer: [UInt8] = []
    /// The 1-based number of the last line returned.
    package private(set) var lineNumber = 0
    private let source: InflatingReader
    private var start = 0
    private var atEnd = false

    /// Lines of `source`.
    package init(_ source: InflatingReader) { self.source = source }

    /// The next line's byte range in `buffer` (line end and a trailing `\r` excluded); nil at the end of the file.
    package mutating func next() throws -> Range<Int>? {
        var searchFrom = start
        while true {
            let found = buffer.withUnsafeBufferPointer { b -> Int? in
                guard searchFrom < b.count else { return nil }
                guard let hit = memchr(b.baseAddress! + searchFrom, 0x0a, b.count - searchFrom) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(b.baseAddress!)
            }
            var end: Int
            if let found {
                end = found
            } else if atEnd {
                guard start < buffer.count else { return nil }
                end = buffer.count
            } else {
                if start > 0 {
                    buffer.removeSubrange(0..<start)
                    start = 0
                }
                searchFrom = buffer.count
                if try source.read(into: &buffer, limit: Swift.max(1 << 22, buffer.count)) == 0 { atEnd = true }
                continue
            }
            let lineStart = start
            start = end + 1
            if end > lineStart && buffer[end - 1] == 0x0d { end -= 1 }
            lineNumber += 1
            return lineStart..<end
        }
    }
}
