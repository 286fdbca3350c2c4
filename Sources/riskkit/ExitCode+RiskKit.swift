import ArgumentParser

/// The exit statuses of `riskkit`, named once (the values of BSD's `sysexits.h` where one fits).
extension ExitCode {
    /// 1: the work could not be done (a fit that did not converge, an unexpected failure).
    static let runtimeFailure = ExitCode.failure
    /// 3: monitoring found a change that needs attention.
    static let monitoringAlarm = ExitCode(3)
    /// 64 (`EX_USAGE`): the command line is wrong — an unknown flag, a missing value, a setting that does not fit.
    static let usageError = ExitCode.validationFailure
    /// 65 (`EX_DATAERR`): an input file's content cannot be used.
    static let dataError = ExitCode(65)
    /// 66 (`EX_NOINPUT`): an input file is missing or cannot be opened.
    static let noInput = ExitCode(66)
    /// 74 (`EX_IOERR`): an output file cannot be written.
    static let ioError = ExitCode(74)
    /// 75 (`EX_TEMPFAIL`): try again later (another run holds the store).
    static let temporaryFailure = ExitCode(75)
}
