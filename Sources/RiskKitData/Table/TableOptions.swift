/// How `Table.read` should treat particular columns; every name must be a column of the file.
public struct TableOptions: Sendable, Equatable {
    /// Columns read as categorical even when every cell is a number; the levels are the cell texts.
    public var categorical: Set<String>
    /// Columns that must be numeric: a cell that is not a number (nor missing) is a `DataError`.
    public var numeric: Set<String>
    /// Columns not loaded at all.
    public var exclude: Set<String>
    /// Columns kept as raw strings (for example an outcome the caller validates itself).
    public var text: Set<String>
    /// A row identifier column, kept as text; its values must be present and unique.
    public var id: String?

    /// Options with the given overrides; by default every column's kind is inferred.
    public init(
        categorical: Set<String> = [], numeric: Set<String> = [], exclude: Set<String> = [],
        text: Set<String> = [], id: String? = nil
    ) {
        self.categorical = categorical
        self.numeric = numeric
        self.exclude = exclude
        self.text = text
        self.id = id
    }
}
