
/// One raw value of a patient field, before encoding: a number, a piece of text, or missing.
public enum FieldValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case missing

    /// Parses a raw cell: missing as ``MissingValue`` defines it (empty or `NA`), a finite decimal number is a
    /// number, anything else is text (trimmed of spaces and tabs).
    public init(parsing raw: some StringProtocol) {
        let s = raw.trimmingWhitespace()
        if MissingValue.isMissing(s) {
            self = .missing
        } else if let d = Double(s), d.isFinite {
            self = .number(d)
        } else {
            self = .text(String(s))
        }
    }

    /// The numeric value, if this is a number.
    public var number: Double? { if case .number(let d) = self { d } else { nil } }

    /// Whether the value is missing.
    public var isMissing: Bool { self == .missing }

    public var description: String {
        switch self {
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): return s
        case .missing: return "NA"
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    package func trimmingWhitespace() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
