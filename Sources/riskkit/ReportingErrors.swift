import ArgumentParser
import Foundation
import RiskKit

/// Runs a command body, printing library errors to stderr and mapping them to the exit statuses of
/// ``ArgumentParser/ExitCode`` (usage errors that `validate()` finds are ArgumentParser's own, also 64).
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw reported(error)
    }
}

/// ``runReportingErrors(_:)`` for an asynchronous body.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw reported(error)
    }
}

/// Prints a library error to stderr and returns the exit status (or ArgumentParser error) to leave with.
private func reported(_ error: any Error) -> any Error {
    switch error {
    case let error as ExitCode:
        return error
    case let error as DataError:
        log.error("\(error.commandLineDescription)")
        return error.exitCode
    case let error as InputFileError:
        log.error("\(error.description)")
        return ExitCode.noInput
    case let error as OutputFileError:
        log.error("\(error.description)")
        return ExitCode.ioError
    case let error as LogisticRegressionError:
        log.error("\(error.description)")
        switch error {
        case .notConverged, .penalizedNotConverged: return ExitCode.runtimeFailure
        default: return ExitCode.dataError
        }
    case let error as StoreError:
        log.error("\(error.description)")
        switch error.code {
        case .busy: return ExitCode.temporaryFailure
        case .newerSchema, .io, .corrupt: return ExitCode.ioError
        }
    case let error as ValidationError:
        return error
    default:
        log.error("\(String(describing: error))")
        return ExitCode.runtimeFailure
    }
}
