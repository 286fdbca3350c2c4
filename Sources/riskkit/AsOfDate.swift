import ArgumentParser
import Foundation
import RiskKit

/// The date a run judges screening due dates against: `--as-of YYYY-MM-DD`, else the day of the standard
/// `SOURCE_DATE_EPOCH` environment variable (seconds since 1970-01-01 UTC, so outputs can be reproduced), else today;
/// days are UTC days.
enum AsOfDate {
    /// The as-of date for the `--as-of` value `option` (nil: not given) and the process environment.
    /// - Throws: `ValidationError` (exit 64) for an `--as-of` that is no calendar date, or a `SOURCE_DATE_EPOCH`
    ///   that is not a whole number of seconds.
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                        now: Date = Date()) throws -> CalendarDate {
        if let option {
            guard let date = CalendarDate(parsing: option) else {
                throw ValidationError("--as-of expects a date YYYY-MM-DD, got `\(option)`")
            }
            return date
        }
        let instant = try SourceDateEpoch.instant(environment: environment, now: now)
        // The UTC day by `gmtime_r` (proleptic Gregorian, as Calendar's for these years), not Calendar: building a
        // Calendar and its time zone costs about a millisecond of a one-patient run.
        var seconds = time_t(exactly: instant.timeIntervalSince1970.rounded(.down)) ?? .max
        var day = tm()
        guard gmtime_r(&seconds, &day) != nil,
              let date = CalendarDate(year: Int(day.tm_year) + 1900, month: Int(day.tm_mon) + 1, day: Int(day.tm_mday))
        else {
            throw ValidationError("SOURCE_DATE_EPOCH lies outside the years 1–9999")
        }
        return date
    }
}
