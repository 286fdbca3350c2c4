import ArgumentParser
import Foundation
import RiskKit

/// Runs a command body, printing library errors to stderr and mapping them to the exit statuses of
/// ``ArgumentParser/ExitCode`` (usage errors that `validate()` finds are ArgumentParser's own, also 64).
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as DataError {
        log.error("\(error.commandLineDescription)")
        throw error.exitCode
    } catch let error as InputFileError {
        log.error("\(error.description)")
        throw ExitCode.noInput
    } catch let error as OutputFileError {
        log.error("\(error.description)")
        throw ExitCode.ioError
    } catch let error as LogisticRegressionError {
        log.error("\(error.description)")
        switch error {
        case .notConverged, .penalizedNotConverged: throw ExitCode.runtimeFailure
        default: throw ExitCode.dataError
        }
    } catch let error as ValidationError {
        throw error
    } catch {
        log.error("\(String(describing: error))")
        throw ExitCode.runtimeFailure
    }
}
