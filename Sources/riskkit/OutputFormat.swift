import ArgumentParser
import Foundation

/// Output formats shared by the reporting subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Writes data to standard output.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
