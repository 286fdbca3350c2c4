import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// A record as plain values, for comparing with expectations.
private struct Row: Equatable {
    var line: Int
    var fields: [String]
}

/// Reads all records of `text` as strings with their start lines.
private func rows(_ text: String, name: String = "test.csv") throws -> (header: [String], rows: [Row]) {
    let reader = try CSVReader(bytes: Array(text.utf8), name: name)
    var rows: [Row] = []
    try reader.forEachRecord { record in
        rows.append(Row(line: record.line, fields: (0..<record.fieldCount).map { record.string(at: $0) }))
    }
    return (reader.header, rows)
}


@Suite struct CSVReaderTests {
    // Expected rows and start lines from Python 3.11.7's csv module:
    //   s = ('name,note,value\r\n"Smith, J","He said ""hi""",1\r\n"multi\nline",plain,2\n'
    //        '"cr\rinside","crlf\r\ninside",3')
    //   r = csv.reader(io.StringIO(s, newline='')); prev = 0
    //   for row in r: print(prev + 1, row); prev = r.line_num
    // → 1 ['name','note','value'] / 2 ['Smith, J','He said "hi"','1'] / 3 ['multi\nline','plain','2']
    //   / 5 ['cr\rinside','crlf\r\ninside','3']
    @Test func quotingLineBreaksAndLineNumbers() throws {
        let text = "name,note,value\r\n\"Smith, J\",\"He said \"\"hi\"\"\",1\r\n\"multi\nline\",plain,2\n"
            + "\"cr\rinside\",\"crlf\r\ninside\",3"
        let (header, records) = try rows(text)
        #expect(header == ["name", "note", "value"])
        #expect(records == [
            Row(line: 2, fields: ["Smith, J", "He said \"hi\"", "1"]),
            Row(line: 3, fields: ["multi\nline", "plain", "2"]),
            Row(line: 5, fields: ["cr\rinside", "crlf\r\ninside", "3"]),
        ])
    }

    // Python 3.11.7: s = '\ufeffa,b\n1,\n,NA\n\n"",x\n'
    //   r = csv.reader(io.StringIO(s.encode().decode('utf-8-sig'), newline=''))
    //   → line 1 ['a','b'], 2 ['1',''], 3 ['','NA'], 4 [] (blank; pandas skips it), 5 ['','x']
    @Test func byteOrderMarkBlankLinesAndMissing() throws {
        let text = "\u{FEFF}a,b\n1,\n,NA\n\n\"\",x\n"
        let reader = try CSVReader(bytes: Array(text.utf8), name: "bom.csv")
        #expect(reader.header == ["a", "b"])
        var seen: [(Int, [FieldValue], [Bool])] = []
        try reader.forEachRecord { record in
            seen.append((record.line, [record.value(at: 0), record.value(at: 1)],
                         [record.isMissing(at: 0), record.isMissing(at: 1)]))
        }
        #expect(seen.map(\.0) == [2, 3, 5])
        #expect(seen.map(\.1) == [[.number(1), .missing], [.missing, .missing], [.missing, .text("x")]])
        #expect(seen.map(\.2) == [[false, true], [true, true], [true, false]])
    }

    @Test func lineEndingsAreEquivalent() throws {
        let lf = try rows("a,b\n1,2\n3,4\n")
        let crlf = try rows("a,b\r\n1,2\r\n3,4\r\n")
        let cr = try rows("a,b\r1,2\r3,4")
        let noFinal = try rows("a,b\n1,2\n3,4")
        let expected = [Row(line: 2, fields: ["1", "2"]), Row(line: 3, fields: ["3", "4"])]
        for case let (header, records) in [lf, crlf, cr, noFinal] {
            #expect(header == ["a", "b"])
            #expect(records == expected)
        }
    }

    // Python 3.11.7: list(csv.reader(io.StringIO('a,b,c\n,x,\n" q ",  y  ,""""\n', newline='')))
    // → [['a','b','c'], ['','x',''], [' q ','  y  ','"']]; unquoted fields are additionally trimmed here.
    @Test func emptyFieldsTrailingCommaAndTrimming() throws {
        let (_, records) = try rows("a,b,c\n,x,\n\" q \",  y  ,\"\"\"\"\n")
        #expect(records == [Row(line: 2, fields: ["", "x", ""]), Row(line: 3, fields: [" q ", "y", "\""])])
    }

    // Unquoted fields longer than 8 bytes holding bytes below `-` (space, `!`, `+`, `#`…) that are not separators.
    // Python 3.11.7: s = 'a,b,c\nhello world+more text here!,x y,"q"\n  padded +1.5e3  ,#$%&\'()*+,\n'
    //   list(csv.reader(io.StringIO(s, newline='')))
    // → [['a','b','c'], ['hello world+more text here!','x y','q'], ['  padded +1.5e3  ',"#$%&'()*+",'']]
    @Test func longUnquotedFieldsWithPunctuation() throws {
        let text = "a,b,c\nhello world+more text here!,x y,\"q\"\n  padded +1.5e3  ,#$%&'()*+,\n"
        let (_, records) = try rows(text)
        #expect(records == [
            Row(line: 2, fields: ["hello world+more text here!", "x y", "q"]),
            Row(line: 3, fields: ["padded +1.5e3", "#$%&'()*+", ""]),
        ])
        let (_, unterminated) = try rows(String(text.dropLast()))
        #expect(unterminated == records)
    }

    @Test func rawBytesAndNumbers() throws {
        let reader = try CSVReader(bytes: Array("x,y,z\n\" 2.5\",-1e-3,\"a\"\"b\"\n".utf8), name: "n.csv")
        var bytes: [[UInt8]] = []
        var numbers: [Double?] = []
        var quoted: [Bool] = []
        try reader.forEachRecord { record in
            for j in 0..<record.fieldCount {
                bytes.append(record.withBytes(at: j) { Array($0) })
                numbers.append(record.number(at: j))
                quoted.append(record.isQuoted(at: j))
            }
        }
        #expect(bytes == [Array(" 2.5".utf8), Array("-1e-3".utf8), Array("a\"b".utf8)])
        #expect(numbers == [nil, -0.001, nil])
        #expect(quoted == [true, false, true])
    }

    @Test func raggedRowsNameExpectedAndFound() {
        let more = dataError { _ = try rows("a,b\n1,2\n\"x\ny\",2,3\n", name: "r.csv") }
        #expect(more == DataError(file: "r.csv", line: 3, "expected 2 fields as in the header, found 3"))
        let fewer = dataError { _ = try rows("a,b\n1,2\n3,4\n5\n", name: "r.csv") }
        #expect(fewer == DataError(file: "r.csv", line: 4, "expected 2 fields as in the header, found 1"))
    }

    @Test func unterminatedQuoteNamesTheOpeningLine() {
        let error = dataError { _ = try rows("a,b\n1,2\n3,\"open\n\nmore\n", name: "q.csv") }
        #expect(error == DataError(file: "q.csv", line: 3, column: "b",
                                   "unterminated quote: the quoted field opened on this line is never closed"))
        #expect(error?.description.hasPrefix("q.csv:3: column `b`: unterminated quote") == true)
        let inHeader = dataError { _ = try rows("a,\"b\n", name: "q.csv") }
        #expect(inHeader?.line == 1 && inHeader?.column == nil)
    }

    @Test func textAfterClosingQuote() {
        let error = dataError { _ = try rows("a,b\n\"x\"y,2\n", name: "t.csv") }
        #expect(error?.line == 2)
        #expect(error?.column == "a")
        #expect(error?.message.hasPrefix("text after a closing quote") == true)
    }

    @Test func headerProblems() {
        #expect(dataError { _ = try rows("a,b,a\n1,2,3\n", name: "h.csv") }
            == DataError(file: "h.csv", line: 1, column: "a", "duplicate column name (header fields 1 and 3)"))
        #expect(dataError { _ = try rows("a,,c\n1,2,3\n", name: "h.csv") }
            == DataError(file: "h.csv", line: 1, "header field 2 is empty: every column needs a name"))
        #expect(dataError { _ = try rows("", name: "h.csv") }
            == DataError(file: "h.csv", "the file is empty: expected a header row of column names"))
        #expect(dataError { _ = try rows("a,b\n\n", name: "h.csv") }
            == DataError(file: "h.csv", "no data rows after the header"))
    }

    @Test func missingFileIsAnInputFileError() {
        #expect(throws: InputFileError(path: "/nonexistent/x.csv", reason: "No such file or directory", errorNumber: ENOENT)) {
            _ = try CSVReader(path: "/nonexistent/x.csv")
        }
        #expect(throws: InputFileError(path: "/tmp", reason: "Is a directory", errorNumber: EISDIR)) {
            _ = try CSVReader(path: "/tmp")
        }
    }

    /// Streams a 200,000-row file from disk: every record is visited once, in order, with its line number, and the
    /// values are exact (the expected sum is closed-form: Σ_{i=1}^{n} i = n(n+1)/2, and Σ i/4 is exact in binary).
    @Test func streamingLargeFile() throws {
        let n = 200_000
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("riskkit-stream-\(getpid()).csv").path
        var text = "id,quarter,label\n"
        text.reserveCapacity(n * 24)
        for i in 1...n { text += "\(i),\(Double(i) / 4),\"r\(i % 7)\"\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let reader = try CSVReader(path: path)
        var count = 0
        var idSum = 0.0
        var quarterSum = 0.0
        var linesInOrder = true
        var labelsRight = true
        try reader.forEachRecord { record in
            count += 1
            linesInOrder = linesInOrder && record.line == count + 1
            idSum += record.number(at: 0)!
            quarterSum += record.number(at: 1)!
            labelsRight = labelsRight && record.string(at: 2) == "r\(count % 7)"
        }
        #expect(count == n)
        #expect(linesInOrder && labelsRight)
        #expect(idSum == Double(n * (n + 1) / 2))
        #expect(quarterSum == Double(n * (n + 1) / 2) / 4)
    }

    /// `decimals` reads what `value(at:)` calls a number or missing, and stops at the first other field.
    @Test func decimalsAgreeWithValueAt() throws {
        let reader = try CSVReader(bytes: Array("a,b,c,d,e\n 1.5 ,NA,,\"2\",x\n".utf8), name: "t.csv")
        try reader.forEachRecord { record in
            var out = [Double](repeating: 0, count: 6)
            let columns = [0, 1, 2, 3, -1, 4]
            let stop = columns.withUnsafeBufferPointer { c in
                out.withUnsafeMutableBufferPointer { record.decimals(at: c, into: $0.baseAddress!, stride: 1) }
            }
            #expect(stop == 5)
            #expect(out[0] == 1.5 && record.value(at: 0) == .number(1.5))
            #expect(out[1].isNaN && out[2].isNaN && record.value(at: 1) == .missing && record.value(at: 2) == .missing)
            #expect(out[3] == 2 && record.value(at: 3) == .number(2))
            #expect(out[4].isNaN)
            #expect(record.value(at: 4) == .text("x"))
        }
    }

    /// Reading with a cursor in batches lends the records one pass lends, in order.
    @Test func cursorBatchesLendEveryRecordOnce() throws {
        let text = "v\n" + (1...10).map(String.init).joined(separator: "\n") + "\n"
        let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv")
        var cursor = reader.makeCursor()
        var seen: [Int] = [], batches: [Int] = []
        while true {
            let n = try reader.scan(&cursor, limit: 4) { seen.append(Int($0.string(at: 0))!) }
            if n == 0 { break }
            batches.append(n)
        }
        #expect(seen == Array(1...10))
        #expect(batches == [4, 4, 2])
        #expect(cursor.records == 10)
    }
}
