import Foundation

/// Where every report of one scoring run came from: the model file's checksum and the time of the run (the policy
/// version travels with the policy's outcome). Written on every output row, so a report can be traced back to
/// the exact model and reproduced.
public struct ScoringProvenance: Sendable, Equatable {
    /// The model file's `sha256:<hex>` checksum, as stored in the file and verified when it was loaded (nil for a
    /// model that was never written to a file).
    public var modelChecksum: String?
    /// When the run scored its patients, ISO 8601 UTC with seconds (`2026-12-03T14:05:09Z`); nil when not given.
    public var scoredAt: String?

    /// Creates a provenance record.
    public init(modelChecksum: String?, scoredAt: String?) {
        self.modelChecksum = modelChecksum
        self.scoredAt = scoredAt
    }

    /// `date` as ISO 8601 UTC with seconds, e.g. `2026-12-03T14:05:09Z` (fractions of a second are dropped).
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Digits written here, not by `String(format:)`, whose variadic arguments cost dynamic casts at start-up.
        func padded(_ n: Int32, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2) + "T"
            + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2) + "Z"
    }
}
