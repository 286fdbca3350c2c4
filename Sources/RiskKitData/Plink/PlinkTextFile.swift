import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A whitespace-separated text file (`.fam`, `.bim`, ID lists) split into lines of tokens.
struct PlinkTextFile {
    /// One non-blank line: its 1-based number and its tokens.
    struct Line {
        var number: Int
        var tokens: [String]
    }

    /// The path as given.
    let path: String
    /// Non-blank lines in file order.
    let lines: [Line]

    /// Reads and tokenizes `path` (spaces and tabs separate tokens; LF or CRLF end lines).
    /// - Throws: ``InputFileError`` when the file cannot be opened or read.
    init(path: String) throws {
        self.path = path
        let bytes = try PlinkTextFile.readBytes(path)
        var lines: [Line] = []
        var tokens: [String] = []
        var number = 1
        var start = -1
        bytes.withUnsafeBufferPointer { buf in
            func finishToken(_ end: Int) {
                if start >= 0 {
                    tokens.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
                    start = -1
                }
            }
            for i in 0..<buf.count {
                let b = buf[i]
                if b == UInt8(ascii: "\n") {
                    finishToken(i)
                    if !tokens.isEmpty { lines.append(Line(number: number, tokens: tokens)) }
                    tokens.removeAll(keepingCapacity: true)
                    number += 1
                } else if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                    finishToken(i)
                } else if start < 0 {
                    start = i
                }
            }
            finishToken(buf.count)
            if !tokens.isEmpty { lines.append(Line(number: number, tokens: tokens)) }
        }
        self.lines = lines
    }

    /// The whole file's bytes.
    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError(path: path, errorNumber: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(path: path, errorNumber: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}
