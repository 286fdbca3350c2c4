import ArgumentParser
import Foundation
import RiskKit

/// Runs a command body, printing library errors to stderr and mapping them to the documented exit codes.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as DataError {
        Log.error(error.description)
        throw ExitCode(65)
    } catch let error as InputFileError {
        Log.error(error.description)
        throw ExitCode(66)
    } catch let error as OutputFileError {
        Log.error(error.description)
        throw ExitCode(74)
    } catch let error as LogisticRegressionError {
        Log.error(error.description)
        switch error {
        case .notConverged, .penalizedNotConverged: throw ExitCode(1)
        default: throw ExitCode(65)
        }
    } catch let error as ValidationError {
        throw error
    } catch {
        Log.error(String(describing: error))
        throw ExitCode(1)
    }
}

/// Messages for the user on standard error (never patient identifiers or values).
enum Log {
    static func info(_ message: String) { FileHandle.standardError.write(Data(("riskkit: " + message + "\n").utf8)) }
    static func error(_ message: String) { FileHandle.standardError.write(Data(("riskkit: error: " + message + "\n").utf8)) }
}

/// Output formats shared by the reporting subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Writes data to standard output.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
