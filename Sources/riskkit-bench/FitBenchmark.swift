import Foundation
import RiskKit

/// `riskkit-bench fit`: times RiskKit's unpenalized logistic fit **with standard errors** against scikit-learn's
/// `LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8)` (which computes none) on the same seeded data.
///
/// Options: `--n` rows (50000), `--p` features (1000), `--seed` (1), `--threads` BLAS threads for both (2),
/// `--data realistic|isotropic` (realistic), `--dir` for the `.npy` files (a temporary folder), `--peer` to run
/// `peers/sklearn_fit.py` in the same run, `--raw` to also time sklearn on the unscaled features (slow), `--reference`
/// (with `--peer`) to also fit statsmodels' Newton `Logit` at `tol=1e-12` as an accuracy reference (untimed against us).
///
/// Data:
/// - `realistic` (the kind RiskKit is for: clinical measurements, indicators and genotypes, raw scales):
///   p/5 continuous features driven by 10 shared latent factors (loadings 0.6, so correlated), with means in
///   [0, 200] and standard deviations in [0.5, 40]; p/10 binary indicators with prevalence in [5%, 50%]; the rest
///   SNP dosages 0/1/2 with allele frequency in [0.05, 0.5]. Standardized effects N(0, 0.1²) (continuous),
///   N(0, 0.2²) (binary), every 10th SNP N(0, 0.1²); intercept set for an event rate near 20%.
/// - `isotropic`: features i.i.d. standard normal, coefficients N(0, 0.05²), intercept −0.5 (the easiest case
///   for a first-order solver like L-BFGS).
///
/// RiskKit's time covers what `riskkit train` does around the solver: standardizing the columns, the fit, and
/// mapping coefficients and covariance back to the original scale.
enum FitBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let n = options.integer("--n", 50_000), p = options.integer("--p", 1000)
        let seed = options.integer("--seed", 1), threads = options.integer("--threads", 2)
        let kind = options.text("--data") ?? "realistic"
        let directory: URL
        if let k = arguments.firstIndex(of: "--dir"), k + 1 < arguments.count {
            directory = URL(fileURLWithPath: arguments[k + 1])
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("riskkit-fit-bench-\(getpid())")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var generator = SplitMix64(seed: UInt64(seed))
        let (design, outcome): (Matrix, [Double])
        switch kind {
        case "isotropic": (design, outcome) = isotropic(n: n, p: p, rng: &generator)
        case "realistic": (design, outcome) = realistic(n: n, p: p, rng: &generator)
        default: throw BenchmarkFailure(message: "--data must be realistic or isotropic")
        }
        let names = ["(Intercept)"] + (1...p).map { "x\($0)" }
        let xURL = directory.appendingPathComponent("X.npy"), yURL = directory.appendingPathComponent("y.npy")
        try writeNPY(Array(design.storage[n...]), shape: [n, p], fortranOrder: true, to: xURL)
        try writeNPY(outcome, shape: [n], fortranOrder: false, to: yURL)
        say("data     \(kind): \(n) x \(p), event rate \(String(format: "%.3f", outcome.reduce(0, +) / Double(n)))")

        BLASThreads.set(threads)
        var working = design
        // `riskkit train` standardizes the design it built in place. Writing one element here makes `working` its own
        // copy before the clock starts, so the timing does not include a 400 MB copy-on-write that train never makes.
        working[0, 0] = design[0, 0]
        let clock = ContinuousClock()
        var fit: LogisticFit?
        var coefficients: [Double] = [], standardErrors: [Double] = []
        let elapsed = try clock.measure {
            let (center, scale) = working.columnMeansAndDeviations(skipping: 1)
            working.withUnsafeMutableBufferPointer { x in
                for j in 0..<p {
                    let base = (j + 1) * n, c = center[j], s = scale[j]
                    for i in 0..<n { x[base + i] = (x[base + i] - c) / s }
                }
            }
            let result = try LogisticRegression.fit(design: working, outcome: outcome, columnNames: names)
            let original = OriginalScale(center: center, scale: scale)
            coefficients = original.coefficients(result.coefficients)
            standardErrors = original.covariance(result.covariance!).diagonal.map { $0.squareRoot() }
            fit = result
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        say(String(format: "riskkit  fit with standard errors, %d BLAS threads: %.3f s, %d iterations, deviance %.6f",
                   BLASThreads.current, seconds, fit!.iterations, fit!.deviance))
        say(String(format: "riskkit  standard errors: min %.6g, max %.6g", standardErrors.min()!, standardErrors.max()!))

        guard arguments.contains("--peer") else { return }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("peers/sklearn_fit.py")
        let coefURL = directory.appendingPathComponent("sklearn_coef.txt")
        let referenceURL = directory.appendingPathComponent("statsmodels_reference.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, xURL.path, yURL.path, coefURL.path, "--threads", "\(threads)"]
            + (arguments.contains("--raw") ? ["--raw"] : [])
            + (arguments.contains("--reference") ? ["--reference", referenceURL.path] : [])
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(message: "the scikit-learn peer exited with status \(process.terminationStatus)")
        }
        let theirs = try String(contentsOf: coefURL, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        guard theirs.count == coefficients.count else {
            throw BenchmarkFailure(message: "the peer wrote \(theirs.count) coefficients, expected \(coefficients.count)")
        }
        let largest = theirs.map(abs).max()!
        let overall = zip(coefficients, theirs).map { abs($0 - $1) }.max()! / largest
        say(String(format: "compare  sklearn    max|Δβ|/max|β|: %.2g", overall))
        let relative = zip(coefficients, theirs).map { abs($0 - $1) / Swift.max(abs($1), 1e-12) }.sorted()
        say(String(format: "compare  sklearn    |Δβⱼ|/|βⱼ| median: %.2g", relative[relative.count / 2]))
        say(String(format: "compare  sklearn    |Δβⱼ|/|βⱼ| 99th percentile: %.2g", relative[relative.count * 99 / 100]))
        say(String(format: "compare  sklearn    |Δβⱼ|/|βⱼ| max: %.2g", relative.last!))
        if arguments.contains("--reference") {
            let rows = try String(contentsOf: referenceURL, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: " ").compactMap { Double($0) } }
            guard rows.count == coefficients.count, rows.allSatisfy({ $0.count == 2 }) else {
                throw BenchmarkFailure(message: "the reference wrote \(rows.count) rows, expected \(coefficients.count)")
            }
            let beta = zip(coefficients, rows).map { abs($0 - $1[0]) / Swift.max(abs($1[0]), $1[1]) }.max()!
            let se = zip(standardErrors, rows).map { abs($0 - $1[1]) / $1[1] }.max()!
            say(String(format: "compare  statsmodels max|Δβⱼ|/max(|βⱼ|, SEⱼ): %.2g", beta))
            say(String(format: "compare  statsmodels max|ΔSEⱼ|/SEⱼ: %.2g", se))
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// i.i.d. standard normal features, small effects.
    static func isotropic(n: Int, p: Int, rng: inout SplitMix64) -> (Matrix, [Double]) {
        var design = Matrix(rows: n, columns: p + 1, repeating: 1)
        design.withUnsafeMutableBufferPointer { x in for k in n..<(n * (p + 1)) { x[k] = rng.nextNormal() } }
        let truth = [-0.5] + (0..<p).map { _ in 0.05 * rng.nextNormal() }
        let eta = design.multiply(truth)
        return (design, eta.map { Double(rng.nextBernoulli(RiskModel.probability(linearPredictor: $0))) })
    }

    /// Correlated clinical-like measurements on raw scales, indicators and SNP dosages (see the type's docs).
    static func realistic(n: Int, p: Int, rng: inout SplitMix64) -> (Matrix, [Double]) {
        let continuous = p / 5, binary = p / 10
        var design = Matrix(rows: n, columns: p + 1, repeating: 1)
        var eta = [Double](repeating: -1.4, count: n)
        var factors = Matrix(rows: n, columns: 10)
        factors.withUnsafeMutableBufferPointer { f in for k in f.indices { f[k] = rng.nextNormal() } }
        design.withUnsafeMutableBufferPointer { x in
            for j in 0..<p {
                let base = (j + 1) * n
                if j < continuous {
                    let mean = 200 * rng.nextUniform(), sd = exp(log(0.5) + (log(40) - log(0.5)) * rng.nextUniform())
                    let effect = 0.1 * rng.nextNormal()
                    for i in 0..<n {
                        let z = 0.6 * factors[i, j % 10] + 0.8 * rng.nextNormal()
                        x[base + i] = mean + sd * z
                        eta[i] += effect * z
                    }
                } else if j < continuous + binary {
                    let prevalence = 0.05 + 0.45 * rng.nextUniform(), effect = 0.2 * rng.nextNormal()
                    let sd = (prevalence * (1 - prevalence)).squareRoot()
                    for i in 0..<n {
                        let v = Double(rng.nextBernoulli(prevalence))
                        x[base + i] = v
                        eta[i] += effect * (v - prevalence) / sd
                    }
                } else {
                    let f = 0.05 + 0.45 * rng.nextUniform(), sd = (2 * f * (1 - f)).squareRoot()
                    let effect = j % 10 == 0 ? 0.1 * rng.nextNormal() : 0
                    for i in 0..<n {
                        let d = Double(rng.nextBernoulli(f) + rng.nextBernoulli(f))
                        x[base + i] = d
                        eta[i] += effect * (d - 2 * f) / sd
                    }
                }
            }
        }
        return (design, eta.map { Double(rng.nextBernoulli(RiskModel.probability(linearPredictor: $0))) })
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
