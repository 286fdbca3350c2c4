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
        var instant = now
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got `\(epoch)`")
            }
            instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let date = CalendarDate(year: day.year ?? 0, month: day.month ?? 0, day: day.day ?? 0) else {
            throw ValidationError("SOURCE_DATE_EPOCH lies outside the years 1–9999")
        }
        return date
    }
}
