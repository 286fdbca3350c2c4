import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// Reads `text` as a table named `t.csv`.
private func table(_ text: String, _ options: TableOptions = TableOptions()) throws -> Table {
    try Table.read(bytes: Array(text.utf8), name: "t.csv", options: options)
}


/// Element-wise equality that treats two NaNs as equal (NaN marks a missing number).
private func same(_ a: [Double]?, _ b: [Double]) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

@Suite struct TableTests {
    // Fixture csv-patients.csv: UTF-8 BOM, CRLF, quoted commas, doubled quotes and a quoted CRLF.
    // Reference: pandas 3.1.1, python3 -c "import pandas as pd; df = pd.read_csv('csv-patients.csv',
    //   encoding='utf-8-sig'); print(df.dtypes.to_dict(), df.isna().sum().to_dict(), df.to_dict('list'))"
    // → age float64 [54, 61, nan, 47, 70]; smoker float64 [1, 0, 1, nan, 0];
    //   bmi float64 [27.3, nan, 31.05, 24, 29.9];
    //   sex/note strings; outcome int64 [0, 1, 0, 1, 1]; missing: age 1, smoker 1, bmi 1, note 2, others 0;
    //   note = ['lives alone, walks daily', nan, 'says "quit" in 2019', 'two\r\nlines', nan].
    @Test func readsFixtureFileLikePandas() throws {
        let url = try #require(Bundle.module.url(forResource: "csv-patients", withExtension: "csv",
                                                 subdirectory: "Fixtures"))
        let patients = try Table.read(path: url.path, options: TableOptions(text: ["note"], id: "id"))
        #expect(patients.source == url.path)
        #expect(patients.rowCount == 5)
        #expect(patients.columnNames == ["id", "age", "sex", "smoker", "bmi", "note", "outcome"])
        #expect(patients.lineNumbers == [2, 3, 4, 5, 7])
        #expect(patients.idColumn == "id")

        let age = try #require(patients.column(named: "age"))
        #expect(age.kind == .numeric && age.missingCount == 1)
        #expect(same(age.numbers, [54, 61, .nan, 47, 70]))
        let smoker = try #require(patients.column(named: "smoker"))
        #expect(smoker.kind == .binary && smoker.missingCount == 1)
        #expect(same(smoker.numbers, [1, 0, 1, .nan, 0]))
        let bmi = try #require(patients.column(named: "bmi"))
        #expect(bmi.kind == .numeric && bmi.missingCount == 1)
        #expect(same(bmi.numbers, [27.3, .nan, 31.05, 24, 29.9]))
        let outcome = try #require(patients.column(named: "outcome"))
        #expect(outcome.kind == .binary && outcome.missingCount == 0)
        #expect(outcome.numbers == [0, 1, 0, 1, 1])

        let sex = try #require(patients.column(named: "sex"))
        #expect(sex.kind == .categorical && sex.missingCount == 0)
        #expect(sex.levels == ["F", "M"] && sex.codes == [0, 1, 1, 0, 0])
        let note = try #require(patients.column(named: "note"))
        #expect(note.kind == .text && note.missingCount == 2)
        #expect(note.texts == ["lives alone, walks daily", nil, "says \"quit\" in 2019", "two\r\nlines", nil])
        let id = try #require(patients.column(named: "id"))
        #expect(id.kind == .text && id.texts == ["p01", "p02", "p03", "p04", "p05"])
        #expect(note.value(row: 1) == .missing && sex.value(row: 1) == .text("M") && bmi.value(row: 0) == .number(27.3))
    }

    // A numeric-looking column that meets text on row 5 becomes categorical; levels in String order.
    // Python 3.11.7: sorted(['3', '1', '2', 'unknown', '10']) → ['1', '10', '2', '3', 'unknown']
    @Test func columnTurnsCategoricalAtFirstNonNumber() throws {
        let t = try table("code,v\n3,1\n1,2\nNA,3\n2,4\nunknown,5\n10,6\n")
        let code = try #require(t.column(named: "code"))
        #expect(code.kind == .categorical)
        #expect(code.levels == ["1", "10", "2", "3", "unknown"])
        #expect(code.codes == [3, 0, -1, 2, 4, 1])
        #expect(code.missingCount == 1)
        #expect(t.column(named: "v")?.kind == .numeric)
    }

    @Test func forcedCategoricalSortsNumericLevelsByValue() throws {
        let t = try table("grade,flag\n10,1\n2,0\n1,1\n2,\n", TableOptions(categorical: ["grade", "flag"]))
        let grade = try #require(t.column(named: "grade"))
        #expect(grade.kind == .categorical && grade.levels == ["1", "2", "10"] && grade.codes == [2, 1, 0, 1])
        let flag = try #require(t.column(named: "flag"))
        #expect(flag.levels == ["0", "1"] && flag.codes == [1, 0, 1, -1] && flag.missingCount == 1)
    }

    @Test func numbersMayBeQuotedOrPadded() throws {
        let t = try table("x,y\n\"1.5\", 2 \n\"-3\",\"NA\"\n")
        #expect(same(t.column(named: "x")?.numbers, [1.5, -3]))
        #expect(same(t.column(named: "y")?.numbers, [2, .nan]))
    }

    /// Cells that start like numbers but are not clean ones (`1.5x`, `1e`, padded, quoted, at the end of the file
    /// without a line break, after CR-only line ends). Level order from Python 3.11.7:
    /// sorted(['1.5x', '2', '+1']) → ['+1', '1.5x', '2'];  sorted(['1e', '3', '-2']) → ['-2', '1e', '3']
    @Test func cellsThatStartLikeNumbers() throws {
        for end in ["\r\n", "\n", "\r"] {
            let t = try table(["a,b,c", "1.5x,1e,1.5 ", "2, 3,\"4\"", "+1,-2,3"].joined(separator: end))
            #expect(t.lineNumbers == [2, 3, 4])
            #expect(t.column(named: "a")?.levels == ["+1", "1.5x", "2"] && t.column(named: "a")?.codes == [1, 2, 0])
            #expect(t.column(named: "b")?.levels == ["-2", "1e", "3"] && t.column(named: "b")?.codes == [1, 2, 0])
            #expect(t.column(named: "c")?.kind == .numeric && t.column(named: "c")?.numbers == [1.5, 4, 3])
        }
    }

    @Test func allMissingColumnIsNumericNotBinary() throws {
        let t = try table("a,b\nNA,1\n,0\n")
        #expect(t.column(named: "a")?.kind == .numeric && t.column(named: "a")?.missingCount == 2)
        #expect(t.column(named: "b")?.kind == .binary)
    }

    @Test func lineNumbersFollowPhysicalLines() throws {
        let t = try table("a,b\n1,\"x\ny\"\n\n2,z\r\n3,\"\"\n")
        #expect(t.lineNumbers == [2, 5, 6])
        #expect(t.column(named: "b")?.levels == ["x\ny", "z"] && t.column(named: "b")?.codes == [0, 1, -1])
    }

    /// 3,000 rows cross several internal blocks of rows; column `c` turns categorical on row 2,500. Expected values
    /// are closed-form from the row index i: x = i/8, b = i mod 2, c = "i" (row 2,500 holds "z").
    @Test func manyRowsAndLateCategoricalSwitch() throws {
        var text = "x,skip,b,c\n"
        for i in 0..<3000 { text += "\(Double(i) / 8),s,\(i % 2),\(i == 2500 ? "z" : String(i))\n" }
        let t = try table(text, TableOptions(exclude: ["skip"]))
        #expect(t.rowCount == 3000 && t.lineNumbers == Array(2...3001))
        #expect(t.column(named: "x")?.numbers == (0..<3000).map { Double($0) / 8 })
        #expect(t.column(named: "x")?.kind == .numeric)
        #expect(t.column(named: "b")?.numbers == (0..<3000).map { Double($0 % 2) })
        #expect(t.column(named: "b")?.kind == .binary)
        let c = try #require(t.column(named: "c"))
        let expectedLevels = ((0..<3000).filter { $0 != 2500 }.map(String.init) + ["z"]).sorted()
        let codes = try #require(c.codes)
        let levels = try #require(c.levels)
        #expect(c.kind == .categorical && levels == expectedLevels && c.missingCount == 0)
        #expect(codes.map { levels[Int($0)] } == (0..<3000).map { $0 == 2500 ? "z" : String($0) })
    }

    @Test func excludeAndTextOptions() throws {
        let t = try table("a,b,outcome\n1,x,0\n2,y,yes\n3,z,\n", TableOptions(exclude: ["b"], text: ["outcome"]))
        #expect(t.columnNames == ["a", "outcome"])
        #expect(t.column(named: "b") == nil)
        #expect(t.column(named: "outcome")?.texts == ["0", "yes", nil])
        #expect(t.column(named: "outcome")?.missingCount == 1)
    }

    @Test func requiredNumericColumnNamesTheOffendingCell() {
        let error = dataError {
            _ = try table("id,bmi\na,22\nb,NA\nc,abc\n", TableOptions(numeric: ["bmi"]))
        }
        #expect(error == DataError(file: "t.csv", line: 4, column: "bmi",
                                   "the value is not a number (this column must be numeric)"))
        // The cell's text is not echoed: messages go to logs, and patient values never do.
        #expect(error?.description == "t.csv:4: column `bmi`: the value is not a number (this column must be numeric)")
    }

    @Test func idMustBeUniqueAndPresent() throws {
        let duplicate = dataError {
            _ = try table("id,x\np1,1\np2,2\n\"multi\nline\",3\np1,4\n", TableOptions(id: "id"))
        }
        #expect(duplicate == DataError(file: "t.csv", line: 6, column: "id",
                                       "the id on line 6 repeats the id on line 2; ids must be unique"))
        let missing = dataError { _ = try table("id,x\np1,1\nNA,2\n", TableOptions(id: "id")) }
        #expect(missing == DataError(file: "t.csv", line: 3, column: "id", "the id is missing: every row needs an id"))
        let numericIds = try table("id,x\n1,1\n2,2\n", TableOptions(id: "id"))
        #expect(numericIds.column(named: "id")?.kind == .text)
    }

    @Test func unknownOrConflictingOptionNames() {
        #expect(dataError { _ = try table("a,b\n1,2\n", TableOptions(exclude: ["nope"])) }
            == DataError(file: "t.csv", column: "nope", "no such column (given as exclude); the columns are `a`, `b`"))
        #expect(dataError { _ = try table("a,b\n1,2\n", TableOptions(id: "c")) }?.column == "c")
        #expect(dataError { _ = try table("a,b\n1,2\n", TableOptions(categorical: ["a"], numeric: ["a"])) }
            == DataError(file: "t.csv", column: "a", "the column is given both as categorical and as numeric"))
    }

    @Test func csvErrorsPassThrough() {
        #expect(dataError { _ = try table("a,b\n1,2\n3\n") }
            == DataError(file: "t.csv", line: 3, "expected 2 fields as in the header, found 1"))
        #expect(dataError { _ = try table("a,b\n1,2\n3,4,5,6\n") }
            == DataError(file: "t.csv", line: 3, "expected 2 fields as in the header, found 4"))
        #expect(dataError { _ = try table("a,b\n") } == DataError(file: "t.csv", "no data rows after the header"))
        #expect(throws: InputFileError.self) { _ = try Table.read(path: "/nonexistent/t.csv") }
    }
}
