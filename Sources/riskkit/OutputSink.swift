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

    func flush() throws {
        guard !buffer.isEmpty else { return }
        if let file { try file.write(buffer) } else { FileHandle.standardOutput.write(Data(buffer)) }
        buffer.removeAll(keepingCapacity: true)
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
