import ArgumentParser
import Foundation
import RiskKit

/// The time stamped on a run's outputs: `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, the variable
/// reproducible-builds.org defines) when it is set, so that a run can be reproduced byte for byte; else now.
enum SourceDateEpoch {
    /// The run's time as ``ScoringProvenance/timestamp(_:)`` writes it.
    /// - Throws: `ValidationError` (exit 64) when `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
    static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return ScoringProvenance.timestamp(Date()) }
        guard let seconds = Int64(text), seconds >= 0 else {
            throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got `\(text)`")
        }
        return ScoringProvenance.timestamp(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
