import Foundation
import Testing

/// Numeric columns of a small comma-separated fixture in `Fixtures/` (header row, no quoting).
struct EvaluationFixture {
    let columns: [String: [Double]]

    init(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        var values = [[Double]](repeating: [], count: header.count)
        for line in lines.dropFirst() {
            for (j, field) in line.split(separator: ",").enumerated() {
                values[j].append(try #require(Double(String(field))))
            }
        }
        columns = Dictionary(uniqueKeysWithValues: zip(header, values))
    }

    subscript(name: String) -> [Double] { columns[name] ?? [] }
}
