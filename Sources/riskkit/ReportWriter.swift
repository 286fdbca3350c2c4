import RiskKit

/// Writes formatted patients to the output in order: the header before the first, the table's footer at the end.
struct ReportWriter {
    let formatter: ReportFormatter
    let sink: OutputSink
    private var wroteHeader = false

    init(formatter: ReportFormatter, sink: OutputSink) {
        self.formatter = formatter
        self.sink = sink
    }

    /// Writes each formatted row, one at a time (`perRow(i)` first), then throws the error that stopped
    /// formatting, if any.
    mutating func write(_ rows: ReportFormatter.Rows, perRow: (Int) -> Void = { _ in }) throws {
        var start = 0
        for (i, end) in rows.ends.enumerated() {
            perRow(i)
            if !wroteHeader {
                try sink.write(formatter.header)
                wroteHeader = true
            }
            try sink.write(bytes: rows.bytes[start..<end])
            start = end
        }
        if let failure = rows.failure { throw failure }
    }

    /// Writes what follows the last patient (and the table header when there was none).
    mutating func finish() throws {
        if formatter.format == .table && !wroteHeader { try sink.write(formatter.header) }
        if formatter.format == .table { try sink.write(formatter.footer()) }
    }
}
