
/// One typed column of a `Table`.
public struct Column: Sendable, Equatable {
    /// The column's name from the header row.
    public let name: String
    /// The inferred or requested kind.
    public let kind: ColumnKind
    /// The values, one per row.
    public let data: ColumnData
    /// How many rows are missing (empty or `NA` cells).
    public let missingCount: Int

    /// Creates a column; `missingCount` must match the missing entries of `data`.
    public init(name: String, kind: ColumnKind, data: ColumnData, missingCount: Int) {
        self.name = name
        self.kind = kind
        self.data = data
        self.missingCount = missingCount
    }

    /// Number of rows.
    public var count: Int {
        switch data {
        case .numbers(let values): values.count
        case .categories(let codes, _): codes.count
        case .texts(let texts): texts.count
        }
    }

    /// The values of a numeric or binary column (`nan` where missing); `nil` for other kinds.
    public var numbers: [Double]? {
        if case .numbers(let values) = data { values } else { nil }
    }

    /// The level codes of a categorical column (-1 where missing); `nil` for other kinds.
    public var codes: [Int32]? {
        if case .categories(let codes, _) = data { codes } else { nil }
    }

    /// The sorted levels of a categorical column; `nil` for other kinds.
    public var levels: [String]? {
        if case .categories(_, let levels) = data { levels } else { nil }
    }

    /// The strings of a text column (`nil` where missing); `nil` for other kinds.
    public var texts: [String?]? {
        if case .texts(let texts) = data { texts } else { nil }
    }

    /// Whether row `row` is missing.
    public func isMissing(row: Int) -> Bool {
        switch data {
        case .numbers(let values): values[row].isNaN
        case .categories(let codes, _): codes[row] < 0
        case .texts(let texts): texts[row] == nil
        }
    }

    /// Row `row` as a raw field value: a number, a level or string as text, or missing.
    public func value(row: Int) -> FieldValue {
        switch data {
        case .numbers(let values): values[row].isNaN ? .missing : .number(values[row])
        case .categories(let codes, let levels): codes[row] < 0 ? .missing : .text(levels[Int(codes[row])])
        case .texts(let texts): texts[row].map { .text($0) } ?? .missing
        }
    }
}
