import Foundation
import RiskKit

/// Times `Table.read` and a streaming `CSVReader` pass on a numeric CSV and, with `--peer`, pandas' `read_csv` on
/// the same file, all in one run.
///
/// Options: `--dir DIR` (default `/tmp/riskkit-bench`), `--rows N` (default 10,000), `--cols N` (default 1,000),
/// `--file PATH` (time an existing CSV instead), `--peer`. The file `DIR/numeric-<rows>x<cols>.csv` is generated
/// once, seeded, and reused; its cells look like `0.123456`, `-1.234567e-01` or `NA` (about 11 bytes each, so the
/// default file is about 105 MB). Figures are the best of 3 runs, in MB/s with MB = 10^6 bytes, from wall-clock time
/// and, for a shared machine, from process CPU time.
enum CSVBenchmark {
    static func run(_ arguments: [String]) throws {
        var dir = "/tmp/riskkit-bench"
        var rows = 10_000
        var cols = 1_000
        var peer = false
        var file: String?
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--dir": dir = try value(of: flag, from: &rest)
            case "--rows": rows = try count(of: flag, from: &rest)
            case "--cols": cols = try count(of: flag, from: &rest)
            case "--file": file = try value(of: flag, from: &rest)
            case "--peer": peer = true
            default: throw BenchmarkError("unknown option \(flag)")
            }
        }
        let path = file ?? "\(dir)/numeric-\(rows)x\(cols).csv"
        if file == nil && !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try generate(path: path, rows: rows, cols: cols)
        }
        let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        print("file: \(path) (\(String(format: "%.1f", size / 1e6)) MB)")

        var table: Table?
        let read = try best(of: 3) { table = try Table.read(path: path) }
        let missing = table!.columns.reduce(0) { $0 + $1.missingCount }
        print("RiskKit Table.read:          " + figures(read, size: size)
            + "; \(table!.rowCount) rows, \(table!.columns.count) columns, \(missing) missing")
        table = nil

        var sum = 0.0
        let stream = try best(of: 3) {
            let reader = try CSVReader(path: path)
            try reader.forEachRecord { record in
                for j in 0..<record.fieldCount { sum += record.number(at: j) ?? 0 }
            }
        }
        print("RiskKit CSVReader streaming: " + figures(stream, size: size) + "; number(at:) on every field")

        if peer {
            let script = """
                import sys, time, pandas as pd
                wall = cpu = float('inf')
                for _ in range(3):
                    t, c = time.perf_counter(), time.process_time()
                    df = pd.read_csv(sys.argv[1])
                    wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
                print(wall, cpu, pd.__version__)
                """
            let output = try runPython(script, argument: path).split(separator: " ")
            guard output.count == 3, let wall = Double(output[0]), let cpu = Double(output[1]) else {
                throw BenchmarkError("unexpected output from python3: \(output)")
            }
            print("pandas \(output[2]) read_csv (C):    " + figures((wall, cpu), size: size))
        }
    }

    /// `MB/s` from wall-clock time, then the times and the rate from CPU time (steadier on a shared machine).
    private static func figures(_ times: (wall: Double, cpu: Double), size: Double) -> String {
        String(format: "%7.1f MB/s  (%.3f s wall; %.3f s CPU = %.1f MB/s", size / 1e6 / times.wall, times.wall,
               times.cpu, size / 1e6 / times.cpu) + ")"
    }

    /// The smallest wall-clock and the smallest process CPU time of `runs` calls of `body`, in seconds.
    private static func best(of runs: Int, _ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        var wall = Double.infinity
        var cpu = Double.infinity
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let cpuStart = cpuSeconds()
            try body()
            let elapsed = ContinuousClock.now - start
            cpu = min(cpu, cpuSeconds() - cpuStart)
            wall = min(wall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return (wall, cpu)
    }

    /// CPU time used by this process so far (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`).
    private static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Writes the seeded benchmark file: header `x1,…,xN`, then cells that are `NA` (3%), fixed-point
    /// `[-]d.dddddd` with d in 0…2 (60%) or scientific `[-]d.dddddde±0k` with d in 1…9 (37%); a quarter are
    /// negative.
    private static func generate(path: String, rows: Int, cols: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let file = FileHandle(forWritingAtPath: path)
        else { throw BenchmarkError("cannot create \(path)") }
        defer { try? file.close() }
        var rng = SplitMix64(seed: 20_240_601)
        var line = (1...cols).map { "x\($0)" }.joined(separator: ",").utf8 + [0x0A]
        try file.write(contentsOf: line)
        for _ in 0..<rows {
            line.removeAll(keepingCapacity: true)
            for j in 0..<cols {
                if j > 0 { line.append(UInt8(ascii: ",")) }
                let r = rng.next()
                let choice = r % 100
                if choice < 3 {
                    line.append(contentsOf: "NA".utf8)
                    continue
                }
                if (r >> 8) & 3 == 0 { line.append(UInt8(ascii: "-")) }
                let isFixed = choice < 63
                line.append(isFixed ? UInt8(48 + (r >> 40) % 3) : UInt8(49 + (r >> 40) % 9))
                line.append(UInt8(ascii: "."))
                let decimals = (r >> 16) % 1_000_000
                var divisor: UInt64 = 100_000
                while divisor > 0 {
                    line.append(UInt8(48 + decimals / divisor % 10))
                    divisor /= 10
                }
                if !isFixed {
                    line.append(contentsOf: ((r >> 50) & 1 == 0 ? "e-0" : "e+0").utf8)
                    line.append(UInt8(48 + (r >> 52) % 4))
                }
            }
            line.append(0x0A)
            try file.write(contentsOf: line)
        }
    }

    /// Runs `python3 -c script argument` and returns its trimmed standard output.
    private static func runPython(_ script: String, argument: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("python3 exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func value(of flag: String, from rest: inout ArraySlice<String>) throws -> String {
        guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
        return value
    }

    private static func count(of flag: String, from rest: inout ArraySlice<String>) throws -> Int {
        guard let n = Int(try value(of: flag, from: &rest)), n > 0 else {
            throw BenchmarkError("\(flag) needs a positive whole number")
        }
        return n
    }

    /// A benchmark setup failure, shown to the user.
    struct BenchmarkError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
