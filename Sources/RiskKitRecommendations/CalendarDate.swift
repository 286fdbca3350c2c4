/// A day of the proleptic Gregorian calendar, written `YYYY-MM-DD`: the last-test dates of patient records, the
/// `--as-of` date and the due dates computed from them. No time of day and no time zone.
///
/// Stored as one 32-bit number, `year·10000 + month·100 + day`, so a patient's date fits a ``PolicyCell`` as
/// small as a number's, and dates order as their numbers do.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// `year·10000 + month·100 + day`.
    private let packed: Int32

    /// The year (1–9999).
    public var year: Int { Int(packed / 10000) }
    /// The month (1–12).
    public var month: Int { Int(packed / 100 % 100) }
    /// The day of the month (1 to the month's length).
    public var day: Int { Int(packed % 100) }

    /// The date `year-month-day`, or `nil` when it is not a calendar day (February 30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        packed = Int32(year * 10000 + month * 100 + day)
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

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.packed < b.packed }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` as ASCII bytes (what writers of many rows use instead of ``description``).
    package func append(to bytes: inout [UInt8]) {
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(n / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
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
