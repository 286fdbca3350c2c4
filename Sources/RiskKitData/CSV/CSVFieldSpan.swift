/// Where one field of a scanned record lies in the file's bytes.
///
/// For a quoted field the range excludes the surrounding quotes but still holds any doubled quotes (`""`), which
/// `hasDoubledQuotes` flags so readers unescape only when needed.
struct CSVFieldSpan {
    /// Offset of the first content byte.
    var start: Int
    /// Offset one past the last content byte.
    var end: Int
    /// Whether the field was enclosed in double quotes.
    var isQuoted: Bool
    /// Whether the quoted content contains escaped quotes written as `""`.
    var hasDoubledQuotes: Bool
    /// Whether a `CSVFieldConsumer` already dealt with the field while it was scanned.
    var isConsumed: Bool
}
