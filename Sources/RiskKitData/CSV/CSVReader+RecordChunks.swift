#if canImport(Glibc)
import Glibc
#endif

extension CSVReader {
    /// The run of records after `previous` holding its next `records` data records (fewer at the end of the
    /// file), for any file; nil when no record is left. A file that ``splitsAtLineFeeds`` (say so with `splits`,
    /// found once) is cut at line feeds with `memchr`; any other is scanned record by record, as quoted fields
    /// may hold line breaks. A run that meets a record that does not scan (an unterminated quote) reaches to the
    /// end of the file, so that reading it (``makeCursor(chunk:)``) meets the same error at the same line.
    package func nextRecordChunk(after previous: CSVLineChunk, records limit: Int, splits: Bool) -> CSVLineChunk? {
        if splits { return nextLineChunk(after: previous, records: limit) }
        let base = bytes.base, start = previous.bytes.upperBound
        guard start < bytes.count else { return nil }
        var line = previous.firstLine, position = previous.bytes.lowerBound
        while position < start, let found = memchr(base + position, 0x0A, start - position) {
            line += 1
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        var cursor = CSVRecordCursor(scanner: CSVScanner(base: base, count: bytes.count, position: start, line: line))
        cursor.released = bytes.count
        let records: Int
        let end: Int
        do {
            records = try scan(&cursor, limit: limit, malformed: { _ in }) { _ in }
            end = cursor.scanner.position
        } catch {
            return CSVLineChunk(bytes: start..<bytes.count, firstLine: line,
                                firstRecord: previous.firstRecord + previous.records, records: limit)
        }
        guard records > 0 else { return nil }
        return CSVLineChunk(bytes: start..<end, firstLine: line, firstRecord: previous.firstRecord + previous.records,
                            records: records)
    }
}
