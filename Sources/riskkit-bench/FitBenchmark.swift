import Foundation
import RiskKit

/// `riskkit-bench fit`: times the unpenalized logistic fit (with standard errors) on seeded dense data and, with
/// `--peer`, scikit-learn's `LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8)` on the same data.
///
/// Options: `--n` rows (50000), `--p` features (1000), `--seed` (1), `--threads` BLAS threads for both (2),
/// `--dir` where the `.npy` files go (a temporary directory), `--peer` to run `peers/sklearn_fit.py`.
/// Data: features standard normal, true coefficients N(0, 0.05²), intercept −0.5, outcomes Bernoulli(logistic(η)).
enum FitBenchmark {
    static func run(_ arguments: [String]) throws {
        func value(_ flag: String, _ fallback: Int) -> Int {
            guard let k = arguments.firstIndex(of: flag), k + 1 < arguments.count, let v = Int(arguments[k + 1]) else {
                return fallback
            }
            return v
        }
        let n = value("--n", 50_000), p = value("--p", 1000), seed = value("--seed", 1), threads = value("--threads", 2)
        let directory: URL
        if let k = arguments.firstIndex(of: "--dir"), k + 1 < arguments.count {
            directory = URL(fileURLWithPath: arguments[k + 1])
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("riskkit-fit-bench-\(getpid())")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var generator = SplitMix64(seed: UInt64(seed))
        var design = Matrix(rows: n, columns: p + 1, repeating: 1)
        for k in n..<(n * (p + 1)) { design.storage[k] = generator.normal() }
        let truth = [-0.5] + (0..<p).map { _ in 0.05 * generator.normal() }
        let eta = design.multiply(truth)
        let outcome = eta.map { generator.uniform() < 1 / (1 + exp(-$0)) ? 1.0 : 0.0 }
        let names = ["(Intercept)"] + (1...p).map { "x\($0)" }

        let xURL = directory.appendingPathComponent("X.npy"), yURL = directory.appendingPathComponent("y.npy")
        try writeNPY(Array(design.storage[n...]), shape: [n, p], fortranOrder: true, to: xURL)
        try writeNPY(outcome, shape: [n], fortranOrder: false, to: yURL)

        BLASThreads.set(threads)
        let clock = ContinuousClock()
        var fit: LogisticFit?
        let elapsed = try clock.measure {
            fit = try LogisticRegression.fit(design: design, outcome: outcome, columnNames: names)
        }
        let ours = fit!
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        say(String(format: "riskkit  fit %d x %d (+intercept), %d BLAS threads: %.3f s, %d iterations, deviance %.6f",
                     n, p, BLASThreads.current, seconds, ours.iterations, ours.deviance))
        let se = ours.standardErrors!
        say(String(format: "riskkit  standard errors: min %.6g, max %.6g", se.min()!, se.max()!))

        guard arguments.contains("--peer") else { return }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("peers/sklearn_fit.py")
        let coefURL = directory.appendingPathComponent("sklearn_coef.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, xURL.path, yURL.path, coefURL.path, "--threads", "\(threads)"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(message: "the scikit-learn peer exited with status \(process.terminationStatus)")
        }
        let theirs = try String(contentsOf: coefURL, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        guard theirs.count == ours.coefficients.count else {
            throw BenchmarkFailure(message: "the peer wrote \(theirs.count) coefficients, expected \(ours.coefficients.count)")
        }
        let diffs = zip(ours.coefficients, theirs).map { abs($0 - $1) }
        let maxAbs = diffs.max()!
        let scale = theirs.map(abs).max()!
        let relative = zip(diffs, theirs).map { $0 / Swift.max(abs($1), 1e-2 * scale) }.max()!
        say(String(format: "compare  max |Δβ| = %.3g; max |Δβ|/max|β| = %.3g; max |Δβⱼ|/max(|βⱼ|, 0.01·max|β|) = %.3g",
                     maxAbs, maxAbs / scale, relative))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes a line to standard output unbuffered, so it stays ahead of the peer's output in a pipe.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes a little-endian float64 array as a NumPy `.npy` file (format 1.0).
    static func writeNPY(_ values: [Double], shape: [Int], fortranOrder: Bool, to url: URL) throws {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        let total = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: url)
    }
}

/// A benchmark that could not complete.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// SplitMix64 pseudo-random numbers (Steele, Lea and Flood, 2014) with Box–Muller normals: seeded and portable.
struct SplitMix64 {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal.
    mutating func normal() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        let r = (-2 * log(uniform())).squareRoot(), theta = 2 * Double.pi * uniform()
        spare = r * sin(theta)
        return r * cos(theta)
    }
}
