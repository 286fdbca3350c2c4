import ArgumentParser
import Logging

/// `--quiet` and `--verbose`, shared by every subcommand: the level of the messages on standard error.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only warnings and errors on standard error.") var quiet = false
    @Flag(name: .shortAndLong, help: "Also print debug messages (timings) on standard error.") var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("give --quiet or --verbose, not both") }
    }

    /// The lowest level printed: warning with --quiet, debug with --verbose, else info.
    var level: Logger.Level { quiet ? .warning : verbose ? .debug : .info }
}

/// A subcommand whose messages follow ``LoggingOptions``.
protocol LoggingCommand: ParsableCommand {
    var logging: LoggingOptions { get }
}
