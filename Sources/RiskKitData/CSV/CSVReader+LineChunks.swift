#if canImport(Glibc)
import Glibc
#endif

/// A run of whole lines of a CSV file's data records that can be read on its own, on any thread
/// (``CSVReader/nextLineChunk(after:records:)``, ``CSVReader/makeCursor(chunk:)``).
package struct CSVLineChunk: Sendable {
    /// Its bytes: from the start of a line to just after a line break, or to the end of the file.
    package let bytes: Range<Int>
    /// The 1-based line of its first byte.
    package let firstLine: Int
    /// The 0-based position of its first record among the file's data records.
    package let firstRecord: Int
    /// How many records it holds.
    package let records: Int
}

extension CSVReader {
    /// Whether the data records can be split at line feeds into runs read independently: the bytes after the
    /// header hold no double quote and no carriage return, so every line feed ends a line, a non-empty line is one
    /// record, and an empty line is none (``CSVReader`` skips it). Costs one `memchr` pass per byte value.
    package var splitsAtLineFeeds: Bool {
        let start = bytes.base + dataStart, count = bytes.count - dataStart
        return count == 0 || (memchr(start, 0x22, count) == nil && memchr(start, 0x0D, count) == nil)
    }

    /// The chunk before the first data record, empty: where ``nextLineChunk(after:records:)`` starts.
    package var startChunk: CSVLineChunk {
        CSVLineChunk(bytes: dataStart..<dataStart, firstLine: dataStartLine, firstRecord: 0, records: 0)
    }

    /// The run of lines after `previous` holding its next `records` records (fewer at the end of the file);
    /// nil when no record is left. Only for a file that ``splitsAtLineFeeds``.
    package func nextLineChunk(after previous: CSVLineChunk, records limit: Int) -> CSVLineChunk? {
        let base = bytes.base, end = bytes.count
        let start = previous.bytes.upperBound
        var line = previous.firstLine, position = previous.bytes.lowerBound
        // The line of `start`: count the line feeds of the previous chunk.
        while position < start, let found = memchr(base + position, 0x0A, start - position) {
            line += 1
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        var records = 0
        position = start
        while records < limit && position < end {
            let lineEnd = memchr(base + position, 0x0A, end - position)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
            if lineEnd > position { records += 1 }
            position = Swift.min(lineEnd + 1, end)
        }
        guard records > 0 else { return nil }
        return CSVLineChunk(bytes: start..<position, firstLine: line,
                            firstRecord: previous.firstRecord + previous.records, records: records)
    }

    /// A cursor over the records of `chunk` alone.
    package func makeCursor(chunk: CSVLineChunk) -> CSVRecordCursor {
        var cursor = CSVRecordCursor(scanner: CSVScanner(
            base: bytes.base, count: chunk.bytes.upperBound, position: chunk.bytes.lowerBound, line: chunk.firstLine))
        cursor.released = chunk.bytes.upperBound
        return cursor
    }

    /// Hands the kernel back the mapped pages before byte `offset` (already read), as streaming does.
    package func releasePages(before offset: Int) {
        _ = bytes.release(0..<offset)
    }
}
