import ArgumentParser
import Foundation
import RiskKit
#if canImport(Glibc)
import Glibc
#endif

/// `riskkit rescore`: re-scores a patient population into a score history, as a scheduled job does.
struct Rescore: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescore",
        abstract: "Re-score a patient population into a score history (SQLite file or PostgreSQL), crash-safe and idempotent.",
        discussion: """
            Scores every patient of --data with each --model and its policy, exactly as `riskkit score` does, and \
            records the run in --store: an SQLite file (created owner-only on first use) or a postgresql:// URL \
            (credentials from the URL, PGPASSWORD or ~/.pgpass). Patients are committed in chunks, each with the \
            run's progress marker in one transaction: a run killed at any point is resumed by the next invocation \
            with the same arguments, and a run already complete is not redone. Only one run writes to a store at a \
            time. `riskkit history` reports on the runs.

            Exit codes: 0 done, or nothing to do; 64 usage error; 65 bad input data (the run is marked interrupted); \
            66 input file missing; 74 the store cannot be used; 75 another run holds the store (try again later, or \
            give --wait).
            """)

    @Option(help: "CSV file of the patients (one per row, with a header).") var data: String
    @Option(help: "The model file (repeat for several conditions).") var model: [String]
    @Option(help: "Recommendation policy file (default: default-policy.json beside the model); with several --model, one per model, in the same order.")
    var policy: [String] = []
    @Flag(help: "Do not apply any recommendation policy.") var noPolicy = false
    @Flag(help: "Apply a policy even when the outcome or horizon it was written for differs from the model's.")
    var forcePolicy = false
    @OptionGroup var store: HistoryStoreOption
    @Option(name: .customLong("as-of"), help: "The run's date, YYYY-MM-DD (default: today in UTC, or the day of SOURCE_DATE_EPOCH when set).")
    var asOf: String?
    @Option(help: "Identifier column in --data (default: the first model's id column).") var id: String?
    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset with the patients' genotypes (IID = patient id), for models with a polygenic score.")
    var bfile: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @Option(name: .customLong("pseudonym-key"), help: "Store HMAC-SHA256 pseudonyms made with the secret key in this owner-only file instead of patient ids.")
    var pseudonymKey: String?
    @Option(help: "Seconds to wait for another run to release the store before giving up (exit 75).") var wait: Double = 0
    @Option(help: "Output format of the run's summary: table, csv or json.") var format: OutputFormat = .table
    @Option(name: .customLong("on-error"), help: "A row that cannot be scored: stop (the run is marked interrupted, exit 65) or skip (leave it out, count it in the run, go on).")
    var onError: BadRowHandling = .stop
    @Flag(help: "Impute missing required features instead of recording the patient not assessable (research use).")
    var allowImputation = false
    @OptionGroup(title: "Messages") var logging: LoggingOptions

    func validate() throws {
        try vcf.validate(bfile: bfile, required: false)
        if data == "-" { throw ValidationError("--data must be a file: a run is identified by the file's SHA-256 and resumed by reading it again") }
        if !policy.isEmpty && policy.count != model.count {
            throw ValidationError("give one --policy per --model, in the same order (or none): got \(model.count) models and \(policy.count) policies")
        }
        if wait < 0 { throw ValidationError("--wait must not be negative") }
        _ = try AsOfDate.resolve(asOf)
    }

    func run() async throws {
        try await runReportingErrors {
            let asOfDate = try AsOfDate.resolve(asOf)
            let loading = PolicyLoading(noPolicy: noPolicy, forcePolicy: forcePolicy)
            var scorers: [PatientScorer] = []
            var models: [RunModel] = []
            for (k, path) in model.enumerated() {
                let riskModel = try RiskModel.load(path: path)
                let loaded = try loading.policy(for: riskModel, modelPath: path, policyPath: policy.isEmpty ? nil : policy[k])
                scorers.append(PatientScorer(
                    model: riskModel, genotypeScores: try GeneticScores.forModel(riskModel, genotypes: vcf.source(bfile: bfile)),
                    policy: loaded?.policy, topContributions: 0, allowImputation: allowImputation, asOf: asOfDate))
                models.append(RunModel(
                    checksum: riskModel.checksum ?? "none", description: riskModel.description ?? "",
                    outcome: riskModel.outcome.label, horizonYears: riskModel.outcome.horizonYears,
                    policyVersion: loaded?.policy.policyVersion, policySHA256: try loaded.map { try FileDigest.sha256(path: $0.path) }))
            }
            let pseudonyms = try pseudonymKey.map { try Pseudonymizer(keyFile: $0) }
            let inputSHA256 = try FileDigest.sha256(path: data)
            let rescorer = try Rescorer(scorers: scorers, data: try CSVReader(path: data), idColumn: id,
                                        pseudonyms: pseudonyms, skippingBadRows: onError == .skip)
            let description = RunDescription(
                asOf: asOfDate.description, inputSHA256: inputSHA256, inputRows: rescorer.rows, models: models,
                policyVersion: Self.policyVersion(of: models), policySHA256: Self.policySHA256(of: models),
                pseudonymKeyFingerprint: pseudonyms?.fingerprint, riskkitVersion: RiskKitVersion.current)
            try await store.using { history in
                try await history.lockForWriting(wait: wait)
                let progress = Progress(label: "re-scored", unit: "rows")
                let outcome = try await rescorer.run(
                    description, in: history, clock: { ISO8601DateFormatter().string(from: Date()) },
                    progress: { progress.update($0) }, committed: Self.crashTestHook())
                let record: RunRecord
                switch outcome {
                case .nothingToDo(let run):
                    record = run
                    log.info("nothing to do: run \(run.id) (as of \(run.description.asOf)) already holds these patients scored with these models and policies")
                case .finished(let run, let resumedAfter):
                    record = run
                    progress.finish(run.rowsDone)
                    if let resumedAfter { log.info("resumed run \(run.id) after \(resumedAfter) of \(run.rowsDone) rows, committed by an earlier invocation") }
                    let rejected = run.counts.rejected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    log.info("run \(run.id) complete: \(run.rowsDone) rows, \(run.counts.scored) scored, \(run.counts.notAssessable) not assessable\(rejected.isEmpty ? "" : ", skipped " + rejected.joined(separator: ", ")) → \(history.name)")
                }
                emit(try RunFormatter(format: format).text([record]))
            }
        }
    }

    /// The policies' versions as a run records them: each distinct one, in model order.
    static func policyVersion(of models: [RunModel]) -> String? {
        var seen = Set<String>()
        let versions = models.compactMap(\.policyVersion).filter { seen.insert($0).inserted }
        return versions.isEmpty ? nil : versions.joined(separator: ", ")
    }

    /// The policies' digest as a run records it: the one policy's, or with several models one over theirs.
    static func policySHA256(of models: [RunModel]) -> String? {
        let digests = models.map { $0.policySHA256 ?? "none" }
        guard models.contains(where: { $0.policySHA256 != nil }) else { return nil }
        return digests.count == 1 ? digests[0] : FileDigest.sha256(bytes: Array(digests.joined(separator: "\n").utf8))
    }

    /// For crash tests: with `RISKKIT_TEST_KILL_AFTER_COMMITS=N` in the environment, the process kills itself
    /// (SIGKILL, as a power cut or the out-of-memory killer would) right after its N-th commit.
    static func crashTestHook(environment: [String: String] = ProcessInfo.processInfo.environment) -> (Int) -> Void {
        guard let n = environment["RISKKIT_TEST_KILL_AFTER_COMMITS"].flatMap(Int.init) else { return { _ in } }
        return { commits in if commits >= n { kill(getpid(), SIGKILL) } }
    }
}
