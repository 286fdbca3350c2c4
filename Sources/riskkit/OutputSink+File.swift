extension OutputSink {
    /// Writes the file at `path` through `body`: moved into place when `body` returns, dropped when it throws.
    static func writeFile(_ path: String, _ body: (OutputSink) throws -> Void) throws {
        let sink = try OutputSink(path: path)
        do {
            try body(sink)
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
