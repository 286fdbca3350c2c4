import ArgumentParser
import Foundation
import RiskKit

/// The moment a run stamps on its outputs and judges due dates from: `SOURCE_DATE_EPOCH` (seconds since 1970-01-01
/// UTC, the variable reproducible-builds.org defines) when it is set, so that a run can be reproduced byte for
/// byte; else now.
enum SourceDateEpoch {
    /// The run's moment.
    /// - Throws: `ValidationError` (exit 64) when `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
    static func instant(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) throws -> Date {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return now }
        guard let seconds = Int64(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got `\(text)`")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The run's time as ``ScoringProvenance/timestamp(_:)`` writes it.
    static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        ScoringProvenance.timestamp(try instant(environment: environment))
    }
}
