import ArgumentParser
import RiskKit

/// `riskkit history`: what a score history holds — its runs, whose results changed between two runs, one
/// patient's timeline — and erasing from it.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Report on a score history written by `riskkit rescore`: runs, changes, one patient; purge records.",
        subcommands: [HistoryRuns.self, HistoryChanges.self, HistoryPatient.self, HistoryPurge.self])
}

/// `riskkit history runs`: the runs of a store, newest first.
struct HistoryRuns: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "The runs of a score history, newest first, with their counts and status.")

    @OptionGroup var store: HistoryStoreOption
    @Option(help: "Output format: table, csv or json (JSON Lines: one object per run).") var format: OutputFormat = .table
    @OptionGroup(title: "Messages") var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let (runs, active) = try await store.using { (try await $0.runs(), try await $0.writerIsActive()) }
            emit(try RunFormatter(format: format, writerActive: active).text(runs))
        }
    }
}
