extension Table {
    /// Reads the CSV file at `path` (see `CSVReader` for the accepted format) into typed columns.
    ///
    /// Kinds are inferred in the same single pass that parses the cells: a column is `numeric` while every
    /// non-missing cell parses as a number (`binary` if those are all 0 or 1), and becomes `categorical` at its first
    /// other cell, whose earlier rows are then re-read from the file once. `options` forces kinds, excludes columns
    /// and names an id column. Cost: one pass over the file plus, per column that turns categorical after row r, a
    /// re-scan of its first r records.
    /// - Throws: `InputFileError` if the file cannot be opened; `DataError` (file, line, column) for malformed CSV,
    ///   unknown or conflicting option names, a non-number in a `numeric` column, or a missing or repeated id.
    public static func read(path: String, options: TableOptions = TableOptions()) throws -> Table {
        try read(reader: CSVReader(path: path), options: options)
    }

    /// Reads CSV text held in memory; `name` stands for the file in error messages. See `read(path:options:)`.
    public static func read(bytes: [UInt8], name: String, options: TableOptions = TableOptions()) throws -> Table {
        try read(reader: CSVReader(bytes: bytes, name: name), options: options)
    }

    /// Reads all records of `reader` into a table. See `read(path:options:)`.
    public static func read(reader: CSVReader, options: TableOptions = TableOptions()) throws -> Table {
        var builder = try TableBuilder(reader: reader, options: options)
        try builder.readRecords()
        return builder.finish()
    }
}
