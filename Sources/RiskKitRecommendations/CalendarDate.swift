/// A day of the proleptic Gregorian calendar, written `YYYY-MM-DD`: the last-test dates of patient records, the
/// `--as-of` date and the due dates computed from them. No time of day and no time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year (1–9999).
    public let year: Int
    /// The month (1–12).
    public let month: Int
    /// The day of the month (1 to the month's length).
    public let day: Int

    /// The date `year-month-day`, or `nil` when it is not a calendar day (February 30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (exactly four, two and two digits); `nil` for anything else or a day that does not exist.
    public init?(parsing text: some StringProtocol) {
        let s = text.trimmingWhitespace().utf8
        guard s.count == 10, Array(s)[4] == UInt8(ascii: "-"), Array(s)[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for byte in Array(s)[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                n = n * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date `months` calendar months later; a day past the end of the target month becomes its last day
    /// (January 31 + 1 month = February 28 or 29), as date arithmetic in `java.time` and `dateutil` does.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return CalendarDate(year: y, month: m, day: Swift.min(day, Self.days(inMonth: m, of: y)))!
    }

    /// Number of days in `month` of `year` (Gregorian leap years: divisible by 4, except centuries not divisible
    /// by 400).
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: width - String(n).count) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Decodes from a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "`\(text)` is not a date YYYY-MM-DD"))
        }
        self = date
    }

    /// Encodes as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
