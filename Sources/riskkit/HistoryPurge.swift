import ArgumentParser
import RiskKit

/// `riskkit history purge`: erases a patient's records (right to erasure) or old runs.
struct HistoryPurge: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase a patient's records from every run (right to erasure), or the runs dated before a day.",
        discussion: """
            Takes the store's writer lock (as `rescore` does; --wait SECONDS to wait for a running run). Erased \
            content is overwritten in an SQLite file (secure delete, then a checkpoint of its write-ahead log) and \
            vacuumed away on PostgreSQL. Backups of the store are not touched.
            """)

    @OptionGroup var store: HistoryStoreOption
    @Option(help: "Erase this patient's results (with --pseudonym-key, also under its pseudonym).") var patient: String?
    @Option(help: "Erase the runs dated (as of) before this day, YYYY-MM-DD, with their results.") var before: String?
    @Option(name: .customLong("pseudonym-key"), help: "The key of a pseudonymized store, to find the patient by id.")
    var pseudonymKey: String?
    @Option(help: "Seconds to wait for another run to release the store before giving up (exit 75).") var wait: Double = 0
    @OptionGroup(title: "Messages") var logging: LoggingOptions

    func validate() throws {
        guard (patient == nil) != (before == nil) else { throw ValidationError("give either --patient ID or --before YYYY-MM-DD") }
        if let before, CalendarDate(parsing: before) == nil {
            throw ValidationError("--before expects a date YYYY-MM-DD, got `\(before)`")
        }
        if pseudonymKey != nil && patient == nil { throw ValidationError("--pseudonym-key goes with --patient") }
    }

    func run() async throws {
        try await runReportingErrors {
            let pseudonyms = try pseudonymKey.map { try Pseudonymizer(keyFile: $0) }
            try await store.using { history in
                try await history.lockForWriting(wait: wait)
                if let patient {
                    let erased = try await history.purge(patients: Pseudonymizer.storedNames(of: patient, pseudonyms: pseudonyms))
                    emit("erased \(erased) result\(erased == 1 ? "" : "s") of the patient from \(history.name)\n")
                    let pseudonymized = try await history.runs().contains { $0.description.pseudonymKeyFingerprint != nil }
                    if erased == 0 && pseudonyms == nil && pseudonymized {
                        log.warning("the store holds pseudonyms: give --pseudonym-key to erase the patient's pseudonymized results")
                    }
                } else if let before {
                    let (runs, results) = try await history.purge(runsBefore: before)
                    emit("erased \(runs) run\(runs == 1 ? "" : "s") dated before \(before) and their \(results) result\(results == 1 ? "" : "s") from \(history.name)\n")
                }
            }
        }
    }
}
