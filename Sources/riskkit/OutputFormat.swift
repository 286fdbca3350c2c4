import ArgumentParser
import Foundation

/// Output formats shared by the reporting subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Formats of the summary reports of train and evaluate.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Writes data to standard output.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
