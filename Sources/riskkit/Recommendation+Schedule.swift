import RiskKit

extension Recommendation {
    /// When to repeat and when next due, for a table: " Repeat every 24 months." and, with a due date,
    /// " Repeat every 24 months; due 2027-03-01 (overdue; last done 2025-03-01)."; empty without an interval.
    var scheduleText: String {
        guard let months = intervalMonths else { return "" }
        guard let due = dueDate else { return " Repeat every \(months) months." }
        let last = lastDone.map { "last done \($0)" } ?? "no previous test recorded"
        return " Repeat every \(months) months; due \(due) (\(overdue == true ? "overdue; " : "")\(last))."
    }
}
