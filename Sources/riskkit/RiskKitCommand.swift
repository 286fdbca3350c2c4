import ArgumentParser
import Foundation
import Logging
import RiskKit

@main
struct RiskKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskkit",
        abstract: "Train, evaluate and apply disease-risk models; turn risk into prevention recommendations.",
        discussion: """
            Exit codes: 0 ok, 1 failure, 64 usage error, 65 bad input data, 66 input file missing, 74 output or store \
            error, 75 another run holds the history store.
            Recommendations are decision support, not diagnosis.
            """,
        version: RiskKitVersion.current,
        subcommands: [Simulate.self, Train.self, Evaluate.self, Recalibrate.self, Inspect.self, Score.self, Rescore.self,
                      History.self, Freq.self, PCA.self, Prune.self, GWAS.self, PRS.self]
    )

    /// Parses the command line, bootstraps logging to standard error at the level of --quiet/--verbose (the only
    /// place logging is set up), and runs the subcommand (awaiting it when it is asynchronous, as `prs score` is).
    static func main() async {
        do {
            var command = try parseAsRoot()
            let level = (command as? any LoggingCommand)?.logging.level ?? .info
            LoggingSystem.bootstrap { _ in StandardErrorLogHandler(logLevel: level) }
            // An interrupted run leaves no temporary output file (they may hold patient data).
            TemporaryFiles.removeOnInterrupt()
            let start = Date()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            log.debug("finished in \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
        } catch {
            exit(withError: error)
        }
    }
}

/// The CLI's logger; created on first use, after ``RiskKitCommand/main()`` has bootstrapped the handler.
let log = Logger(label: "riskkit")
