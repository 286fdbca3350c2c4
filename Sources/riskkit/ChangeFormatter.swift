import Foundation
import RiskKit

/// Writes `history changes` as a table, CSV, or JSON Lines: one object per changed patient and condition with
/// `id`, `model`, `old_risk`, `new_risk`, `old_band`, `new_band`, `added`, `removed` (rule ids), `cause`, and also
/// `causes`, `interval_changes`, `old_run`, `new_run`, `old_status`, `new_status`.
struct ChangeFormatter {
    var format: OutputFormat

    /// CSV columns (the table shows the same, risks as percentages).
    static let columns = ["id", "model", "old_risk", "new_risk", "old_band", "new_band", "added", "removed",
                          "interval_changes", "cause", "causes"]

    /// The text before the first change (CSV's header line).
    var header: String { format == .csv ? Self.columns.joined(separator: ",") + "\n" : "" }

    /// An empty table of changes (the table is aligned, so it is written once complete).
    static func table() -> TextTable {
        TextTable(header: ["id", "condition", "risk", "band", "added", "removed", "interval", "cause"])
    }

    /// One change as a table row, the patient shown as `id`.
    func cells(_ change: PatientChange, id: String) -> [String] {
        let intervals = change.intervalChanges.map { "\($0.rule) \(months($0.oldMonths))→\(months($0.newMonths))" }
        return [id, change.modelName, "\(percent(change.old.risk)) → \(percent(change.new.risk))",
                "\(change.old.band ?? "not assessable") → \(change.new.band ?? "not assessable")",
                list(change.added), list(change.removed), list(intervals), change.causes.map(\.rawValue).joined(separator: "+")]
    }

    /// One change as a CSV row or a JSON line, the patient shown as `id`.
    func text(_ change: PatientChange, id: String) throws -> String {
        let intervals = change.intervalChanges.map { "\($0.rule) \(months($0.oldMonths))→\(months($0.newMonths))" }
        switch format {
        case .csv:
            let cells = [id, change.modelName, number(change.old.risk), number(change.new.risk), change.old.band ?? "",
                         change.new.band ?? "", change.added.joined(separator: ";"), change.removed.joined(separator: ";"),
                         intervals.joined(separator: ";"), change.cause.rawValue,
                         change.causes.map(\.rawValue).joined(separator: ";")]
            return cells.map(csvField).joined(separator: ",") + "\n"
        case .table:
            return cells(change, id: id).joined(separator: "  ") + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(ChangeJSON(change, id: id)), as: UTF8.self) + "\n"
        }
    }

    /// The summary per condition, in words.
    func summary(_ summaries: [ChangeReport.Summary], filtered: Bool) -> String {
        summaries.map { s in
            "\(s.modelName): \(s.changed) changed (risk up \(s.up), down \(s.down)), \(s.unchanged) unchanged, "
                + "\(s.newPatients) new patient\(s.newPatients == 1 ? "" : "s"), \(s.gonePatients) gone"
                + (filtered ? " (counts over the whole store, changes listed for --data's patients)" : "")
        }.joined(separator: "\n") + "\n"
    }

    private func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    private func percent(_ x: Double?) -> String { x.map { String(format: "%.1f %%", 100 * $0) } ?? "—" }
    private func months(_ m: Int?) -> String { m.map { "\($0) mo" } ?? "once" }
    private func list(_ items: [String]) -> String { items.isEmpty ? "—" : items.joined(separator: ", ") }

    /// One change as JSON (null where a run has no value).
    private struct ChangeJSON: Encodable {
        struct Interval: Encodable {
            var rule: String, oldMonths: Int?, newMonths: Int?
            enum CodingKeys: String, CodingKey { case rule, oldMonths = "old_interval_months", newMonths = "new_interval_months" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(rule, forKey: .rule)
                try c.encode(oldMonths, forKey: .oldMonths)
                try c.encode(newMonths, forKey: .newMonths)
            }
        }
        var id: String, model: String, oldRisk: Double?, newRisk: Double?, oldBand: String?, newBand: String?
        var added: [String], removed: [String], intervalChanges: [Interval], cause: String, causes: [String]
        var oldStatus: String, newStatus: String

        init(_ change: PatientChange, id: String) {
            self.id = id
            model = change.modelName
            oldRisk = change.old.risk
            newRisk = change.new.risk
            oldBand = change.old.band
            newBand = change.new.band
            added = change.added
            removed = change.removed
            intervalChanges = change.intervalChanges.map { Interval(rule: $0.rule, oldMonths: $0.oldMonths, newMonths: $0.newMonths) }
            cause = change.cause.rawValue
            causes = change.causes.map(\.rawValue)
            oldStatus = change.old.risk == nil ? "not_assessable" : "scored"
            newStatus = change.new.risk == nil ? "not_assessable" : "scored"
        }

        enum CodingKeys: String, CodingKey {
            case id, model, oldRisk = "old_risk", newRisk = "new_risk", oldBand = "old_band", newBand = "new_band"
            case added, removed, intervalChanges = "interval_changes", cause, causes
            case oldStatus = "old_status", newStatus = "new_status"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(model, forKey: .model)
            try c.encode(oldRisk, forKey: .oldRisk)
            try c.encode(newRisk, forKey: .newRisk)
            try c.encode(oldBand, forKey: .oldBand)
            try c.encode(newBand, forKey: .newBand)
            try c.encode(added, forKey: .added)
            try c.encode(removed, forKey: .removed)
            try c.encode(intervalChanges, forKey: .intervalChanges)
            try c.encode(cause, forKey: .cause)
            try c.encode(causes, forKey: .causes)
            try c.encode(oldStatus, forKey: .oldStatus)
            try c.encode(newStatus, forKey: .newStatus)
        }
    }
}
