import Foundation
import RiskKitTestSupport
import Testing

/// `riskkit rescore` and `riskkit history` on both store backends (SQLite always; PostgreSQL when
/// `.ci/with-postgres` provides a server): the same results as `riskkit score`, idempotent re-runs, one writer at a
/// time (exit 75), bad input (exit 65, run marked interrupted), keyed pseudonyms, and change attribution on
/// constructed cases.
@Suite struct RescoreCommandTests {
    let model = "Models/demo-cvd-model.json"
    let policy = "Models/default-policy.json"

    /// The example patients' header and rows (Notebooks-data/patients.csv).
    static func examplePatients() throws -> (header: [String], rows: [[String]]) {
        let lines = try String(contentsOfFile: CLIRunner.packageRoot.path + "/Notebooks-data/patients.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return (lines[0].split(separator: ",").map(String.init),
                lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    }

    /// Writes `rows` under `header` as a CSV file in `folder`; returns its path.
    static func write(_ header: [String], _ rows: [[String]], to folder: String, name: String) throws -> String {
        let path = folder + "/" + name
        let text = ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The JSON Lines of `text` as objects.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// Each stored result of the store's only (or given) run: row, patient, risk, band, recommendations.
    static func stored(_ backend: StoreBackend, _ store: String, run: Int = 1) throws -> [[String]] {
        try backend.query("""
            SELECT row, patient, risk, percentile, band, recommendations, not_assessable_reason, input_hash
            FROM results WHERE run_id = \(run) ORDER BY row, model
            """, at: store).map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Re-scoring gives each patient the risk, percentile, band and recommendations (rule, kind, interval) that
    /// `riskkit score --format json` gives, and records the run's counts.
    @Test(arguments: StoreBackend.available)
    func resultsAreThoseOfScore(_ backend: StoreBackend) throws {
        let store = try backend.newLocation()
        let data = "Notebooks-data/holdout/cohort.csv"
        let run = try CLIRunner.run(["rescore", "--data", data, "--model", model, "--policy", policy, "--store", store,
                                     "--as-of", "2026-12-01", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let scored = try CLIRunner.run(["score", "--data", data, "--model", model, "--policy", policy, "--as-of",
                                        "2026-12-01", "--format", "json", "--on-error", "skip"])
        #expect(scored.status == 0)
        let expected = try Self.objects(scored.stdout)
        let results = try Self.stored(backend, store)
        #expect(results.count == expected.count && expected.count > 1000)
        for (result, patient) in zip(results, expected) {
            #expect(result[1] == patient["id"] as? String)
            if let risk = patient["risk"] as? Double {
                #expect(isApproximatelyEqual(try #require(Double(result[2])), risk, relative: 1e-14))
                #expect(isApproximatelyEqual(try #require(Double(result[3])), try #require(patient["percentile"] as? Double), relative: 1e-12))
            } else {
                #expect(result[2].isEmpty && !result[6].isEmpty)
            }
            #expect(result[4] == (patient["band"] as? String ?? ""))
            let recommendations = (patient["recommendations"] as? [[String: Any]] ?? []).map { r in
                "\(r["rule"]!)/\(r["kind"]!)/\((r["interval_months"] as? Int).map(String.init) ?? "")"
            }
            #expect(result[5] == recommendations.joined(separator: ";"))
        }
        let summary = try #require(try Self.objects(run.stdout).first)
        #expect(summary["status"] as? String == "complete" && summary["run"] as? Int == 1)
        #expect(summary["patients"] as? Int == expected.count)
        let notAssessable = expected.filter { $0["status"] as? String == "not_assessable" }.count
        #expect(summary["not_assessable"] as? Int == notAssessable)
        #expect(summary["scored"] as? Int == expected.count - notAssessable)
        #expect(summary["policy_version"] as? String == "2026.12.1" && summary["as_of"] as? String == "2026-12-01")
    }

    /// The same inputs, models, policy and date again: nothing to do, exit 0, nothing added; another date is
    /// another run.
    @Test(arguments: StoreBackend.available)
    func sameInputsAgainIsNothingToDo(_ backend: StoreBackend) throws {
        let store = try backend.newLocation()
        let arguments = ["rescore", "--data", "Notebooks-data/patients.csv", "--model", model, "--store", store, "--as-of", "2026-12-01"]
        #expect(try CLIRunner.run(arguments).status == 0)
        let again = try CLIRunner.run(arguments + ["--format", "json"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("nothing to do: run 1"))
        #expect(try Self.objects(again.stdout).first?["run"] as? Int == 1)
        #expect(try backend.query("SELECT count(*) FROM results", at: store) == ["5"])
        #expect(try CLIRunner.run(Array(arguments.dropLast()) + ["2026-12-02"]).status == 0)
        let runs = try Self.objects(try CLIRunner.run(["history", "runs", "--store", store, "--format", "json"]).stdout)
        #expect(runs.map { $0["run"] as? Int } == [2, 1])
        #expect(runs.allSatisfy { $0["status"] as? String == "complete" && $0["patients"] as? Int == 5 })
    }

    /// While another process holds the store's writer lock, `rescore` exits 75 (EX_TEMPFAIL) at once, or waits
    /// with `--wait` and then runs.
    @Test(arguments: StoreBackend.available)
    func anotherWriterHoldsTheStore(_ backend: StoreBackend) throws {
        let store = try backend.newLocation()
        let arguments = ["rescore", "--data", "Notebooks-data/patients.csv", "--model", model, "--store", store, "--as-of", "2026-12-01"]
        #expect(try CLIRunner.run(["history", "runs", "--store", store]).status == 0)  // creates the store
        let holder = try Self.holdWriterLock(backend, store, seconds: 2)
        Thread.sleep(forTimeInterval: 0.5)
        let busy = try CLIRunner.run(arguments)
        #expect(busy.status == 75)
        #expect(busy.stderr.contains("another riskkit process is writing to this store"))
        let waited = try CLIRunner.run(arguments + ["--wait", "30"])
        #expect(waited.status == 0, "\(waited.stderr)")
        holder.waitUntilExit()
    }

    /// Holds `store`'s writer lock for `seconds` in another process: `flock` on the SQLite store's lock file, or a
    /// PostgreSQL session-level advisory lock on the key the stores use.
    static func holdWriterLock(_ backend: StoreBackend, _ store: String, seconds: Int) throws -> Process {
        let process = Process()
        switch backend {
        case .sqlite:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            process.arguments = ["-x", store + ".lock", "sleep", "\(seconds)"]
        case .postgres:
            // 0x7269736B68697374: "riskhist", the advisory-lock key of PostgresHistoryStore.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = [store, "-q", "-c", "SELECT pg_advisory_lock(8244247498028839796)", "-c", "SELECT pg_sleep(\(seconds))"]
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A bad row stops the run (exit 65, naming file and line) and leaves it marked interrupted, never complete;
    /// with `--on-error skip` the run completes without the row and counts it by reason.
    @Test(arguments: StoreBackend.available)
    func badInputInterruptsOrIsCounted(_ backend: StoreBackend) throws {
        let folder = try temporaryFolder()
        var (header, rows) = try Self.examplePatients()
        rows[2][try #require(header.firstIndex(of: "systolic_bp"))] = "1800"
        let data = try Self.write(header, rows, to: folder, name: "bad.csv")
        let store = try backend.newLocation()
        let stopped = try CLIRunner.run(["rescore", "--data", data, "--model", model, "--store", store, "--as-of", "2026-12-01"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.contains("bad.csv:4: column `systolic_bp`"))
        let runs = try Self.objects(try CLIRunner.run(["history", "runs", "--store", store, "--format", "json"]).stdout)
        #expect(runs.map { $0["status"] as? String } == ["interrupted"])
        let skipped = try CLIRunner.run(["rescore", "--data", data, "--model", model, "--store", store, "--as-of",
                                         "2026-12-01", "--on-error", "skip", "--format", "json"])
        #expect(skipped.status == 0)
        let run = try #require(try Self.objects(skipped.stdout).first)
        #expect(run["status"] as? String == "complete" && run["patients"] as? Int == 4 && run["rejected"] as? Int == 1)
        #expect(run["rejected_by_reason"] as? [String: Int] == ["implausible value": 1])
        #expect(try Self.stored(backend, store, run: 2).map { $0[1] } == ["DEMO-001", "DEMO-002", "DEMO-004", "DEMO-005"])
        #expect(try CLIRunner.run(["rescore", "--data", folder + "/none.csv", "--model", model, "--store", store]).status == 66)
    }

    /// With `--pseudonym-key`, the store holds HMAC-SHA256 pseudonyms (as `openssl dgst -sha256 -hmac KEY`
    /// computes them), never the ids; `history patient` finds a patient by id with the key; a key file others can
    /// read is refused.
    @Test(arguments: StoreBackend.available)
    func pseudonymsAreKeyedHashes(_ backend: StoreBackend) throws {
        let folder = try temporaryFolder()
        let key = folder + "/key", secret = "b6f1c7a0e54f4e2a9d3c8b7a61f0e2d4"
        try (secret + "\n").write(toFile: key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let store = try backend.newLocation()
        let run = try CLIRunner.run(["rescore", "--data", "Notebooks-data/patients.csv", "--model", model, "--store", store,
                                     "--pseudonym-key", key, "--as-of", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let patients = try Self.stored(backend, store).map { $0[1] }
        let expected = try ["DEMO-001", "DEMO-002", "DEMO-003", "DEMO-004", "DEMO-005"].map { try Self.hmac($0, key: secret) }
        #expect(patients == expected)
        if backend == .sqlite {
            let bytes = try #require(FileManager.default.contents(atPath: store))
            #expect(bytes.range(of: Data("DEMO-00".utf8)) == nil)
        }
        let timeline = try CLIRunner.run(["history", "patient", "DEMO-003", "--store", store, "--pseudonym-key", key, "--format", "json"])
        #expect(timeline.status == 0)
        #expect(try Self.objects(timeline.stdout).map { $0["id"] as? String } == ["DEMO-003"])
        #expect(try CLIRunner.run(["history", "patient", "DEMO-003", "--store", store]).status == 65)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let loose = try CLIRunner.run(["rescore", "--data", "Notebooks-data/patients.csv", "--model", model, "--store", store,
                                       "--pseudonym-key", key, "--as-of", "2026-12-02"])
        #expect(loose.status == 65 && loose.stderr.contains("chmod 600"))
    }

    /// HMAC-SHA256 of `message` under `key`, by `openssl dgst`.
    static func hmac(_ message: String, key: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["dgst", "-sha256", "-hmac", key, "-r"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(message.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    /// `history purge` erases a patient's results from every run, and runs dated before a day.
    @Test(arguments: StoreBackend.available)
    func purgeErasesAPatientAndOldRuns(_ backend: StoreBackend) throws {
        let store = try backend.newLocation()
        for day in ["2026-10-01", "2026-11-01", "2026-12-01"] {
            #expect(try CLIRunner.run(["rescore", "--data", "Notebooks-data/patients.csv", "--model", model, "--store", store, "--as-of", day]).status == 0)
        }
        let patient = try CLIRunner.run(["history", "purge", "--store", store, "--patient", "DEMO-002"])
        #expect(patient.status == 0 && patient.stdout.contains("erased 3 results"))
        #expect(try backend.query("SELECT count(*) FROM results WHERE patient = 'DEMO-002'", at: store) == ["0"])
        let old = try CLIRunner.run(["history", "purge", "--store", store, "--before", "2026-11-15"])
        #expect(old.status == 0 && old.stdout.contains("erased 2 runs dated before 2026-11-15 and their 8 results"))
        #expect(try backend.query("SELECT id FROM runs", at: store) == ["3"])
        #expect(try backend.query("SELECT count(*) FROM results", at: store) == ["4"])
    }

    /// Change attribution on constructed cases. Run 1 → 2: one patient's blood pressure rose (`data`), another
    /// turned 50 (`age`: colorectal screening from 45–49 to 50–75, CRC-02 → CRC-01, and lung screening). Run 2 → 3: the policy's
    /// CRC-02 starts at 40 instead of 45 (`policy`: the 42-year-old gains it). Run 3 → 4: another model for the
    /// same outcome (`model`: every change). Unchanged patients are not listed.
    @Test(arguments: StoreBackend.available)
    func changesNameTheirCause(_ backend: StoreBackend) throws {
        let folder = try temporaryFolder()
        let (header, examples) = try Self.examplePatients()
        let column = { (name: String) in header.firstIndex(of: name)! }
        func patient(_ id: String, like example: Int, age: Int, systolic: Int? = nil) -> [String] {
            var row = examples[example]
            row[column("id")] = id
            row[column("age")] = "\(age)"
            if let systolic { row[column("systolic_bp")] = "\(systolic)" }
            return row
        }
        let first = [examples[0], examples[2], examples[3], patient("DATA-45", like: 1, age: 45),
                     patient("AGE-49", like: 3, age: 49), patient("POL-42", like: 1, age: 42)]
        let second = [examples[0], examples[2], examples[3], patient("DATA-45", like: 1, age: 45, systolic: 165),
                      patient("AGE-49", like: 3, age: 50), patient("POL-42", like: 1, age: 42)]
        let data1 = try Self.write(header, first, to: folder, name: "extract-1.csv")
        let data2 = try Self.write(header, second, to: folder, name: "extract-2.csv")
        let edited = try Self.editedPolicy(in: folder)
        let otherModel = folder + "/other-model.json"
        let trained = try CLIRunner.run([
            "train", "--data", "Notebooks-data/train/cohort.csv", "--outcome", "cvd_10y", "--id", "id", "--optional", "region,bmi",
            "--applicable", "age=40..78", "--applicable", "activity_min_week=0..1500", "--outcome-label", "first ASCVD event",
            "--horizon-years", "10", "--exclude", "years_since_quit,ldl_chol,diastolic_bp,hba1c,on_bp_treatment,pack_years,alcohol_drinks_week,family_history_cvd",
            "--out", otherModel, "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let store = try backend.newLocation()
        for (data, day, model, policy) in [(data1, "2026-01-01", model, policy), (data2, "2027-01-01", model, policy),
                                           (data2, "2027-01-01", model, edited), (data2, "2027-01-01", otherModel, edited)] {
            let run = try CLIRunner.run(["rescore", "--data", data, "--model", model, "--policy", policy, "--store", store, "--as-of", day])
            #expect(run.status == 0, "\(run.stderr)")
        }
        func changes(_ from: Int, _ to: Int) throws -> [String: [String: Any]] {
            let result = try CLIRunner.run(["history", "changes", "--store", store, "--from", "\(from)", "--to", "\(to)", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return Dictionary(try Self.objects(result.stdout).map { ($0["id"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let dataAndAge = try changes(1, 2)
        #expect(Set(dataAndAge.keys) == ["DATA-45", "AGE-49"])
        #expect(dataAndAge["DATA-45"]?["cause"] as? String == "data")
        #expect((dataAndAge["DATA-45"]?["added"] as? [String])?.contains("BP-01") == true)
        #expect(dataAndAge["AGE-49"]?["cause"] as? String == "age")
        // At 50 this former smoker (25 pack-years, quit 8 years ago) also enters lung screening (LU-01, 50–80).
        #expect(dataAndAge["AGE-49"]?["added"] as? [String] == ["LU-01", "CRC-01"])
        #expect(dataAndAge["AGE-49"]?["removed"] as? [String] == ["CRC-02"])
        let policyEdit = try changes(2, 3)
        #expect(Set(policyEdit.keys) == ["POL-42"])
        #expect(policyEdit["POL-42"]?["cause"] as? String == "policy" && policyEdit["POL-42"]?["added"] as? [String] == ["CRC-02"])
        #expect(policyEdit["POL-42"]?["old_risk"] as? Double == policyEdit["POL-42"]?["new_risk"] as? Double)
        let newModel = try changes(3, 4)
        #expect(!newModel.isEmpty && newModel.values.allSatisfy { $0["cause"] as? String == "model" })
        // DEMO-003 (19.5 % with the demo model) is above 20 % with the other one: intermediate → high.
        #expect(newModel["DEMO-003"]?["old_band"] as? String == "intermediate" && newModel["DEMO-003"]?["new_band"] as? String == "high")
        // The default: the last two complete runs.
        #expect(try changes(3, 4).keys.sorted() == Dictionary(try Self.objects(try CLIRunner.run(["history", "changes", "--store", store, "--format", "json"]).stdout).map { ($0["id"] as! String, 0) }, uniquingKeysWith: { a, _ in a }).keys.sorted())
    }

    /// The default policy with rule CRC-02 (colorectal screening 45–49) starting at 40, as version
    /// `2026.12.1-edit`.
    static func editedPolicy(in folder: String) throws -> String {
        let url = CLIRunner.packageRoot.appendingPathComponent("Models/default-policy.json")
        var policy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var rules = try #require(policy["rules"] as? [[String: Any]])
        let k = try #require(rules.firstIndex { $0["id"] as? String == "CRC-02" })
        var when = try #require(rules[k]["when"] as? [String: Any])
        #expect(when["at_least"] as? Int == 45)
        when["at_least"] = 40
        rules[k]["when"] = when
        policy["rules"] = rules
        policy["policy_version"] = "2026.12.1-edit"
        let path = folder + "/edited-policy.json"
        try JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }
}
