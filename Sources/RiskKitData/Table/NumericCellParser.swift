
/// Parses the unquoted cells of numeric columns while the scanner finds their ends (see `CSVFieldConsumer`), so
/// each byte of a numeric cell is read once. Values go into the current row of the table reader's column-major
/// block; a cell that is not a clean number (missing, padded, text) is left to the reader's general path.
struct NumericCellParser: CSVFieldConsumer {
    /// Per-column roles; only `inferred` and `numeric` columns are parsed here.
    let roles: UnsafeMutablePointer<ColumnBuilder.Role>
    /// Number of columns (a record with more fields is rejected after scanning).
    let width: Int
    /// Distance between consecutive columns in the block.
    let stride: Int
    /// Per-column counts of values other than 0 and 1.
    let nonBinary: UnsafeMutablePointer<Int>
    /// The current row's cell of column 0; the reader moves it before each record.
    var cells: UnsafeMutablePointer<Double>

    @inline(__always)
    mutating func consumeField(_ index: Int, start: Int, base: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard index < width, roles[index].isNumeric,
              let (value, length) = DecimalNumber.parsePrefix(base + start, limit: count - start)
        else { return nil }
        let end = start + length
        if end < count {
            let next = base[end]
            guard next == 0x2C || next == 0x0A || next == 0x0D else { return nil }
        }
        cells[index &* stride] = value
        // v(v − 1) is 0 exactly for 0 and 1; counted without branching on the value.
        nonBinary[index] &+= value * (value - 1) != 0 ? 1 : 0
        return end
    }
}
