import Foundation

/// Times `riskkit score` end to end (process start to exit, standard output discarded) and shows patients per second, with
/// pandas' `read_csv` of the same file as the reading-speed reference.
///
/// Options: `--dir DIR` (default `/tmp/riskkit-bench-score`), `--runs R` (best of R, default 3), `--riskkit PATH`
/// (default: the `riskkit` beside this executable), `--no-peer` (skip pandas). The data are made once and reused:
/// `riskkit simulate --individuals 100000 --snps 10 --seed 5` for the 30-column demo cohort scored with
/// `Models/demo-cvd-model.json` (with its policy `Models/default-policy.json`, and without); `riskkit simulate
/// --individuals 50000 --snps 1000 --seed 11`, its outcome pasted in front of the 1,000 dosages as in the README,
/// and `riskkit train` on it for the wide model (every dosage column a feature); and one complete patient given with
/// `--set`, from process start (start-up dominates it: build with `swift build -c release --static-swift-stdlib`, as
/// for deployment, to measure what users run).
enum ScoreBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let dir = options.text("--dir") ?? "/tmp/riskkit-bench-score"
        let runs = max(1, options.integer("--runs", 3))
        let riskkit = options.text("--riskkit")
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Models").standardized.path
        let demo = models + "/demo-cvd-model.json", policy = models + "/default-policy.json"

        let cohort = dir + "/cohort/cohort.csv"
        if !FileManager.default.fileExists(atPath: cohort) {
            try shell([riskkit, "simulate", "--individuals", "100000", "--snps", "10", "--seed", "5", "--out", dir + "/cohort"])
        }
        let wide = dir + "/big/train.csv", wideModel = dir + "/big/model.json"
        if !FileManager.default.fileExists(atPath: wideModel) {
            try shell([riskkit, "simulate", "--individuals", "50000", "--snps", "1000", "--seed", "11", "--out", dir + "/big"])
            try shell(["sh", "-c", """
                cut -d, -f1,20 \(dir)/big/cohort.csv > \(dir)/big/outcome.csv && \
                cut -d, -f2- \(dir)/big/genotypes.csv | paste -d, \(dir)/big/outcome.csv - > \(wide)
                """])
            try shell([riskkit, "train", "--data", wide, "--outcome", "cvd_10y", "--id", "id", "--out", wideModel])
        }

        /// A complete patient record (every feature of the demo model given, none imputed).
        let onePatient = ["age=54", "sex=F", "region=north", "smoker=1", "bmi=31", "systolic_bp=150", "total_chol=220",
                          "hdl_chol=45", "diabetes=0", "activity_min_week=60", "alcohol_drinks_week=4",
                          "family_history_cvd=1"]
        let cases: [(String, Int, [String])] = [
            ("demo model + policy → csv", 100_000, ["--model", demo, "--policy", policy, "--data", cohort, "--format", "csv"]),
            ("demo model + policy → json", 100_000, ["--model", demo, "--policy", policy, "--data", cohort, "--format", "json"]),
            ("demo model, no policy → csv", 100_000, ["--model", demo, "--no-policy", "--data", cohort, "--format", "csv"]),
            ("wide model (1,000 dosages) → csv", 50_000, ["--model", wideModel, "--no-policy", "--data", wide, "--format", "csv"]),
            ("one patient (--set), process start", 1, ["--model", demo, "--policy", policy, "--format", "table"]
                + onePatient.flatMap { ["--set", $0] }),
        ]
        print("riskkit score, best of \(runs) (wall clock, standard output to /dev/null):")
        for (name, patients, args) in cases {
            let seconds = try best(of: runs) { try shell([riskkit, "score"] + args) }
            let rate = patients > 1 ? String(format: "  %9.0f patients/s", Double(patients) / seconds) : ""
            print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %8.3f s", seconds) + rate)
        }
        guard !arguments.contains("--no-peer") else { return }
        print("pandas read_csv, best of \(runs):")
        for file in [cohort, wide] {
            let script = """
                import sys, time, pandas
                best = min((lambda t: (pandas.read_csv(sys.argv[1]), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(\(runs)))
                print(best)
                """
            let output = try shell(["python3", "-c", script, file], capture: true)
            let name = "read_csv " + URL(fileURLWithPath: file).lastPathComponent
            print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %8.3f s", Double(output) ?? .nan))
        }
    }

    /// The shortest of `runs` wall-clock times of `body`, in seconds.
    private static func best(of runs: Int, _ body: () throws -> Void) throws -> Double {
        var shortest = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            shortest = min(shortest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return shortest
    }

    /// Runs `command` (looked up on PATH unless it is a path), failing unless it exits 0; returns its trimmed
    /// standard output when `capture`, else discards it.
    @discardableResult
    private static func shell(_ command: [String], capture: Bool = false) throws -> String {
        guard capture else {
            // posix_spawnp and waitpid: `Process.waitUntilExit` polls, which would add tens of milliseconds.
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var argv = command.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid = pid_t()
            let spawned = posix_spawnp(&pid, command[0], &actions, nil, &argv, environ)
            var status: Int32 = 0
            guard spawned == 0, waitpid(pid, &status, 0) == pid, status == 0 else {
                throw CSVBenchmark.BenchmarkError("\(command.prefix(2).joined(separator: " ")) failed (spawn \(spawned), status \(status))")
            }
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CSVBenchmark.BenchmarkError("\(command.prefix(2).joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

}
