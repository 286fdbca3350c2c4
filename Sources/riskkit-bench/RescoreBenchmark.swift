import Foundation

/// Times `riskkit rescore` into a fresh SQLite store (and, with `--postgres URL`, a fresh database on that
/// PostgreSQL server) beside plain `riskkit score --format json` of the same file, and `riskkit history changes`
/// between two runs, with the peak memory (maximum resident set size) of each command.
///
/// Options: `--dir DIR` (default `/tmp/riskkit-bench-rescore`), `--patients N` (default 1,000,000), `--runs R`
/// (best of R, default 3), `--riskkit PATH` (default: the `riskkit` beside this executable), `--postgres URL` (a
/// server's maintenance database, e.g. `postgresql://postgres@127.0.0.1:5432/postgres`; a database
/// `riskkit_bench_N` is created on it for each run). The data are made once: `riskkit simulate --individuals N
/// --snps 1 --seed 21` for the first extract, and a second extract in which every tenth patient's systolic
/// pressure is 15 mm Hg higher, re-scored a year later (`--as-of`), for `history changes`.
enum RescoreBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let dir = options.text("--dir") ?? "/tmp/riskkit-bench-rescore"
        let patients = options.integer("--patients", 1_000_000)
        let runs = max(1, options.integer("--runs", 3))
        let postgres = options.text("--postgres")
        let riskkit = options.text("--riskkit")
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Models/demo-cvd-model.json").standardized.path

        let first = dir + "/cohort/cohort.csv", second = dir + "/second.csv"
        if !FileManager.default.fileExists(atPath: second) {
            try command([riskkit, "simulate", "--individuals", "\(patients)", "--snps", "1", "--seed", "21", "--out", dir + "/cohort"])
            try command(["sh", "-c", """
                awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "systolic_bp") c = i; print; next }
                                  NR % 10 == 0 && $c != "" { $c = $c + 15 } { print }' \(first) > \(second)
                """])
        }
        let common = ["--model", model, "--on-error", "skip", "--quiet"]
        print("riskkit rescore of \(patients) patients, best of \(runs) (wall clock; peak memory):")
        let scored = try best(of: runs) { _ in
            try command([riskkit, "score", "--data", first, "--format", "json"] + common)
        }
        report("score --format json (to /dev/null)", scored, patients: patients)
        var stores: [(name: String, location: () throws -> String)] = [("SQLite", {
            let path = dir + "/history.sqlite"
            for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            return path
        })]
        if let postgres {
            var next = 0
            stores.append(("PostgreSQL", {
                next += 1
                let database = "riskkit_bench_\(next)"
                try command(["psql", postgres, "-q", "-c", "DROP DATABASE IF EXISTS \(database)", "-c", "CREATE DATABASE \(database)"])
                return postgres.replacingOccurrences(of: "/postgres", with: "/" + database)
            }))
        }
        for (name, location) in stores {
            var store = ""
            let rescored = try best(of: runs, prepare: { store = try location() }) { _ in
                try command([riskkit, "rescore", "--data", first, "--store", store, "--as-of", "2026-01-01"] + common)
            }
            report("rescore → \(name)", rescored, patients: patients)
            print(String(format: "    %.2f× the time of score --format json", rescored.seconds / scored.seconds))
            try command([riskkit, "rescore", "--data", second, "--store", store, "--as-of", "2027-01-01"] + common)
            let changes = try best(of: runs) { _ in
                try command([riskkit, "history", "changes", "--store", store, "--format", "csv", "--quiet"])
            }
            report("history changes (\(name), 2 runs)", changes, patients: patients)
        }
    }

    /// One line of figures.
    private static func report(_ name: String, _ run: (seconds: Double, memory: Int), patients: Int) {
        print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0)
              + String(format: " %8.2f s  %9.0f patients/s  %6.0f MB", run.seconds, Double(patients) / run.seconds,
                       Double(run.memory) / 1024))
    }

    /// The shortest of `runs` times of `body` (each after `prepare`), and the largest peak memory in kB.
    private static func best(of runs: Int, prepare: () throws -> Void = {}, _ body: (Int) throws -> (Double, Int)) throws
        -> (seconds: Double, memory: Int) {
        var shortest = Double.infinity, memory = 0
        for k in 0..<runs {
            try prepare()
            let (seconds, kilobytes) = try body(k)
            shortest = min(shortest, seconds)
            memory = max(memory, kilobytes)
        }
        return (shortest, memory)
    }

    /// Runs `arguments` with standard output and error discarded; returns its wall-clock seconds and peak memory
    /// (kB, from `wait4`'s resource usage).
    @discardableResult
    private static func command(_ arguments: [String]) throws -> (Double, Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        var status: Int32 = 0
        var usage = rusage()
        guard spawned == 0, wait4(pid, &status, 0, &usage) == pid, status == 0 else {
            throw CSVBenchmark.BenchmarkError("\(arguments.prefix(3).joined(separator: " ")) failed (spawn \(spawned), status \(status))")
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, usage.ru_maxrss)
    }
}
