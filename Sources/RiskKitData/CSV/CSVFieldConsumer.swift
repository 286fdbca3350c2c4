
/// Takes over unquoted fields while `CSVScanner` splits a record, so a caller can interpret a field in the same pass
/// that finds its end (the table reader parses numbers this way instead of re-reading every cell).
protocol CSVFieldConsumer {
    /// Offered unquoted field `index` starting at byte `start`. Returns the offset just past the field when the
    /// consumer has dealt with it (the byte there must be a comma, a line break, or `count`), or `nil` to let the
    /// scanner find the field's end itself.
    mutating func consumeField(_ index: Int, start: Int, base: UnsafePointer<UInt8>, count: Int) -> Int?
}

/// The consumer that takes nothing: plain record scanning.
struct NoFieldConsumer: CSVFieldConsumer {
    @inline(__always)
    func consumeField(_ index: Int, start: Int, base: UnsafePointer<UInt8>, count: Int) -> Int? { nil }
}
