/// The storage of a table column, one entry per row.
public enum ColumnData: Sendable, Equatable {
    /// Numeric and binary columns: the values, `nan` where missing.
    case numbers([Double])
    /// Categorical columns: for each row an index into `levels`, or -1 where missing.
    case categories(codes: [Int32], levels: [String])
    /// Text columns: the strings as written, `nil` where missing.
    case texts([String?])
}
