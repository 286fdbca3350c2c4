import ArgumentParser
import Foundation
import RiskKit

/// `riskkit history changes`: the care team's work list between two runs.
struct HistoryChanges: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Whose risk band or recommendations changed between two runs, and why: the care team's work list.",
        discussion: """
            For each patient in both runs whose band or recommendations changed (per condition): old and new risk \
            and band, the recommendations added and removed (and intervals changed), and the cause: `model` (another \
            model file for the condition), `policy` (another policy file), `data` (the patient's inputs other than \
            age changed), or `age` (only time passed). With a new model or policy the inputs are not compared. The \
            summary counts patients whose risk went up or down, unchanged ones, new patients and patients gone.
            """)

    @OptionGroup var store: HistoryStoreOption
    @Option(help: "The earlier run (default: the complete run before --to).") var from: Int64?
    @Option(help: "The later run (default: the last complete run).") var to: Int64?
    @Option(help: "Report only the patients of this extract, by their ids (a pseudonymized store needs --pseudonym-key to recognize them).")
    var data: String?
    @Option(help: "Identifier column in --data.") var id: String = "id"
    @Option(name: .customLong("pseudonym-key"), help: "The key the store's pseudonyms were made with, to show the ids of the patients in --data.")
    var pseudonymKey: String?
    @Option(help: "Output format: table, csv or json (JSON Lines: one object per changed patient and condition).")
    var format: OutputFormat = .table
    @OptionGroup(title: "Messages") var logging: LoggingOptions

    func validate() throws {
        if pseudonymKey != nil && data == nil {
            throw ValidationError("--pseudonym-key recognizes the patients of --data: give --data FILE too")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let pseudonyms = try pseudonymKey.map { try Pseudonymizer(keyFile: $0) }
            // The extract's patients by the names the store may hold them under.
            let shown = try data.map { try Self.extractNames(in: $0, idColumn: id, pseudonyms: pseudonyms) }
            let sink = try OutputSink(path: nil)
            let formatter = ChangeFormatter(format: format)
            var table = ChangeFormatter.table()
            let summaries = try await store.using { history in
                let (old, new) = try await Self.runs(in: history, from: from, to: to)
                log.info("changes from run \(old.id) (as of \(old.description.asOf)) to run \(new.id) (as of \(new.description.asOf))")
                try sink.write(formatter.header)
                let report = ChangeReport(from: old, to: new)
                return try await report.forEachChange(in: history) { change in
                    guard let id = shown.map({ $0[change.patient] }) ?? change.patient else { return }
                    if format == .table { table.add(formatter.cells(change, id: id)) } else { try sink.write(formatter.text(change, id: id)) }
                }
            }
            if format == .table {
                try sink.write(table.rows.isEmpty ? "no patient's band or recommendations changed\n" : table.render())
                try sink.write("\n" + formatter.summary(summaries, filtered: shown != nil))
            }
            try sink.commit()
            if format != .table {
                for line in formatter.summary(summaries, filtered: shown != nil).split(separator: "\n") { log.info("\(line)") }
            }
        }
    }

    /// The two complete runs to compare: `--from` and `--to`, or by default the last complete run and the
    /// complete run before it.
    /// - Throws: ``DataError`` naming the store when a run is missing or not complete, or fewer than two are.
    static func runs(in history: any HistoryStore, from: Int64?, to: Int64?) async throws -> (RunRecord, RunRecord) {
        let runs = try await history.runs()
        func run(_ id: Int64) throws -> RunRecord {
            guard let run = runs.first(where: { $0.id == id }) else {
                throw DataError(file: history.name, "no run \(id) (see `riskkit history runs`)")
            }
            guard run.status == .complete else {
                throw DataError(file: history.name, "run \(id) is \(run.status.rawValue), not complete: its patients cannot be compared")
            }
            return run
        }
        let complete = runs.filter { $0.status == .complete }
        let new = try to.map(run) ?? complete.first
        guard let new else { throw DataError(file: history.name, "no complete run to compare") }
        let old = try from.map(run) ?? complete.first { $0.id < new.id }
        guard let old else { throw DataError(file: history.name, "no complete run before run \(new.id) to compare it with") }
        return (old, new)
    }

    /// The ids of the extract at `path` (column `idColumn`) by every name the store may hold them under.
    /// - Throws: ``DataError`` naming the file when it has no such column.
    static func extractNames(in path: String, idColumn: String, pseudonyms: Pseudonymizer?) throws -> [String: String] {
        let reader = try CSVReader(path: path)
        guard let column = reader.header.firstIndex(of: idColumn) else {
            throw DataError(file: path, line: 1, column: idColumn, "id column not found in the header (give --id COLUMN)")
        }
        var names: [String: String] = [:]
        try reader.forEachRecord { record in
            let id = record.string(at: column)
            for name in Pseudonymizer.storedNames(of: id, pseudonyms: pseudonyms) { names[name] = id }
        }
        return names
    }
}
