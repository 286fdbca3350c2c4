
/// A data set read from CSV: named, typed columns of equal length, plus the file line of every row.
///
/// Build one with `Table.read(path:options:)` or `Table.read(bytes:name:options:)`. Rows are in file order; row
/// `r` came from line `lineNumbers[r]`, which later stages use to point users at the offending line. Equality
/// compares numbers with IEEE `==`, so tables holding missing numbers (`nan`) are never equal.
public struct Table: Sendable, Equatable {
    /// The file path (or name given for in-memory bytes) the table was read from, for messages.
    public let source: String
    /// The loaded columns in file order (excluded columns are absent).
    public let columns: [Column]
    /// For each row, the 1-based line of the file on which its record starts.
    public let lineNumbers: [Int]
    /// The name of the identifier column, if one was requested.
    public let idColumn: String?
    private let indexByName: [String: Int]

    /// Creates a table from columns that all have `lineNumbers.count` rows and distinct names.
    public init(source: String, columns: [Column], lineNumbers: [Int], idColumn: String? = nil) {
        var indexByName: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            precondition(column.count == lineNumbers.count, "column `\(column.name)` has the wrong number of rows")
            precondition(indexByName.updateValue(index, forKey: column.name) == nil,
                         "duplicate column name `\(column.name)`")
        }
        precondition(idColumn.map { indexByName[$0] != nil } ?? true, "the id column is not in the table")
        self.source = source
        self.columns = columns
        self.lineNumbers = lineNumbers
        self.idColumn = idColumn
        self.indexByName = indexByName
    }

    /// Number of data rows.
    public var rowCount: Int { lineNumbers.count }

    /// The column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, or `nil` if there is none (or it was excluded).
    public func column(named name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }
}
