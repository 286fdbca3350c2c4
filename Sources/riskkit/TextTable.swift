import Foundation

/// A plain-text table with aligned columns for terminal output.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to right-align (numbers).
    var rightAligned: Set<Int> = []

    init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { $0.indices.contains(j) ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, c in
                let pad = String(repeating: " ", count: Swift.max(0, widths[j] - c.count))
                return rightAligned.contains(j) ? pad + c : c + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// Formats numbers for tables: significant digits, with scientific notation for very small or large values.
func formatNumber(_ x: Double?, digits: Int = 4) -> String {
    guard let x else { return "—" }
    if x.isNaN { return "NaN" }
    if x == 0 { return "0" }
    let a = abs(x)
    if a < 1e-4 || a >= 1e7 { return String(format: "%.\(digits - 1)e", x) }
    return String(format: "%.\(digits)g", x)
}

/// Formats a p-value like R: `< 2e-16` below machine precision, else 3 significant digits.
func formatPValue(_ p: Double?) -> String {
    guard let p else { return "—" }
    return p < 2.2e-16 ? "< 2e-16" : String(format: "%.3g", p)
}

/// Quotes a CSV field when needed (RFC 4180).
func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
