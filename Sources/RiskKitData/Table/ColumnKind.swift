/// What a table column holds, inferred from its cells or fixed by `TableOptions`.
public enum ColumnKind: String, Sendable, Equatable, CaseIterable {
    /// Numbers: every non-missing cell parses as a decimal number.
    case numeric
    /// Numbers whose non-missing values are only 0 and 1 (at least one value present).
    case binary
    /// Categories: level codes into sorted distinct strings.
    case categorical
    /// Raw strings kept as written (an id column or a column named in `TableOptions.text`).
    case text
}
