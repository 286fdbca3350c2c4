import Foundation
import RiskKit

/// Where a command's data goes: standard output, or a file created owner-only and renamed into place on success.
final class OutputSink {
    private let file: AtomicFileWriter?
    private var buffer: [UInt8] = []

    /// Opens the sink; `path` nil means standard output.
    init(path: String?) throws {
        file = try path.map { try AtomicFileWriter(path: $0, permissions: AtomicFile.ownerOnly) }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends text (buffered).
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes (buffered).
    func write(bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends the rows `bytes[ends[i − 1]..<ends[i]]` as if each were written on its own (``write(bytes:)``):
    /// the output is flushed at the same rows, so the same bytes are out when a later row fails, but rows
    /// between flushes go out straight from `bytes`, without a copy into the buffer.
    func write(rows bytes: [UInt8], ends: [Int]) throws {
        var start = 0
        for end in ends where buffer.count + (end - start) >= 1 << 16 {
            try bytes.withUnsafeBytes { rows in
                try flush()
                try write(UnsafeRawBufferPointer(rebasing: rows[start..<end]))
            }
            start = end
        }
        buffer.append(contentsOf: bytes[start..<(ends.last ?? 0)])
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the file or to standard output.
    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let file { try file.write(bytes) } else { try AtomicFileWriter.write(bytes, to: STDOUT_FILENO, path: "<stdout>") }
    }

    /// Flushes and, for a file, moves it into place.
    func commit() throws {
        try flush()
        try file?.commit()
    }

    /// Drops a partial file.
    func abandon() {
        buffer.removeAll()
        file?.abandon()
    }
}

/// A progress line on standard error, shown only when standard error is a terminal.
final class Progress {
    private let label: String
    private let unit: String
    private let enabled = isatty(STDERR_FILENO) != 0
    private var last = Date()

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    func update(_ count: Int) {
        guard enabled, count % 1000 == 0, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\(label) \(count) \(unit)…".utf8))
    }

    /// Shows a stage description (terminal only), replacing the previous one.
    func stage(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label) \(text)…".utf8))
    }

    /// Clears the progress line.
    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func finish(_ count: Int) {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        log.info("\(label) \(count) \(unit)")
    }
}
