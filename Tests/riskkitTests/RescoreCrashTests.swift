import Foundation
import RiskKitTestSupport
import Testing

/// A re-scoring run killed with SIGKILL at random points — by a timer, and by the environment hook that kills the
/// process right after its N-th commit — and resumed by the next invocation with the same arguments ends with
/// exactly the store an uninterrupted run writes: the same results row for row (no loss, no duplicate), the same
/// counts, one complete run, and (SQLite) a database that passes `PRAGMA integrity_check`.
@Suite(.serialized) struct RescoreCrashTests {
    /// Kills across the rounds of one backend (the issue asks for at least 50).
    static let kills = 50

    @Test(arguments: StoreBackend.available)
    func killedRunsResumeToTheUninterruptedStore(_ backend: StoreBackend) throws {
        let folder = try temporaryFolder()
        let data = try Self.extract(in: folder)
        let arguments = ["rescore", "--data", data, "--model", "Models/demo-cvd-model.json", "--as-of", "2026-12-01",
                         "--on-error", "skip", "--wait", "30", "--quiet"]
        let reference = try backend.newLocation()
        let start = Date()
        let uninterrupted = try CLIRunner.run(arguments + ["--store", reference])
        let duration = Date().timeIntervalSince(start)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let expected = try Self.snapshot(backend, reference)
        #expect(expected.results.count == 20_000 - 3)
        #expect(expected.run == "complete|20000|19997|0|{\"duplicate id\":1,\"implausible value\":2}")

        var generator = SystemRandomNumberGenerator()
        var kills = 0, rounds = 0
        while kills < Self.kills || rounds < 2 {
            rounds += 1
            let store = try backend.newLocation()
            var invocations = 0
            while true {
                invocations += 1
                #expect(invocations < 200, "the run does not get to its end")
                if invocations >= 200 { return }
                // Most invocations die right after their first or second commit, the others at a random instant
                // between process start and 40 % of the uninterrupted run's duration (before, during or after
                // opening the store, scoring, or a commit); each moves the run on a little.
                let hook = Int.random(in: 0..<5, using: &generator) < 3
                let environment = hook ? ["RISKKIT_TEST_KILL_AFTER_COMMITS": "\(Int.random(in: 1...2, using: &generator))"] : [:]
                let delay = hook ? nil : Double.random(in: 0...(0.4 * duration), using: &generator)
                let outcome = try Self.run(arguments + ["--store", store], environment: environment, killAfter: delay)
                if outcome == .killed {
                    kills += 1
                    continue
                }
                #expect(outcome == .exited(0))
                break
            }
            let snapshot = try Self.snapshot(backend, store)
            #expect(snapshot.run == expected.run)
            #expect(snapshot.runs == 1)
            #expect(snapshot.results == expected.results, "round \(rounds): the resumed store differs from the uninterrupted one")
            if backend == .sqlite { #expect(try backend.query("PRAGMA integrity_check", at: store) == ["ok"]) }
        }
        #expect(kills >= Self.kills)
        print("crash test (\(backend)): \(kills) kills over \(rounds) resumed runs, each store equal to the uninterrupted one")
    }

    /// 20,000 simulated patients (`riskkit simulate --seed 3`) with two implausible blood pressures and one
    /// patient given twice, so that skipped rows are counted too.
    static func extract(in folder: String) throws -> String {
        let simulated = try CLIRunner.run(["simulate", "--individuals", "20000", "--snps", "1", "--seed", "3", "--out", folder, "--quiet"])
        #expect(simulated.status == 0)
        var lines = try String(contentsOfFile: folder + "/cohort.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let systolic = try #require(header.firstIndex(of: "systolic_bp"))
        for row in [777, 12_345] {
            var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[systolic] = "1800"
            lines[row] = fields.joined(separator: ",")
        }
        lines[15_000] = lines[2]
        let path = folder + "/extract.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The store's run (status, rows, counts), number of runs, and every result as text, in row and model order.
    static func snapshot(_ backend: StoreBackend, _ store: String) throws -> (run: String, runs: Int, results: [String]) {
        let run = try backend.query("SELECT status, rows_done, scored, not_assessable, rejected FROM runs", at: store)
        let results = try backend.query("""
            SELECT row, model, patient, risk, percentile, band, recommendations, not_assessable_reason, input_hash
            FROM results ORDER BY row, model
            """, at: store)
        return (run.first ?? "", run.count, results)
    }

    enum Outcome: Equatable {
        case exited(Int32), killed
    }

    /// Runs `riskkit arguments`, killing it with SIGKILL after `killAfter` seconds if it is still running.
    static func run(_ arguments: [String], environment: [String: String], killAfter delay: Double?) throws -> Outcome {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment, uniquingKeysWith: { $1 })
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL { return .killed }
        return .exited(process.terminationStatus)
    }
}
