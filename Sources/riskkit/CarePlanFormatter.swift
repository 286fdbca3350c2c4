import Foundation
import RiskKit

/// Formats care plans (``CarePlan``: several models for one patient) as a table, CSV or JSON Lines, one patient
/// at a time.
///
/// - table: per patient (each followed by a blank line), one risk section per condition, then the merged plan (each recommendation with its
///   schedule, due date, source and the conditions it came from); the footer names every model and policy.
/// - csv: one row per patient and condition: `id,model,status,risk,percentile,band,top_factors,recommendations,
///   due_dates,imputed,recommendation_texts,extrapolated`, where `recommendations` are the merged plan's that came from this
///   condition (`id` or `id/12mo`, `;`-separated), `due_dates` their due dates (`id:YYYY-MM-DD`, with
///   ` (overdue)`), `recommendation_texts` their texts (joined by ` | `, as in the one-model CSV) and
///   `extrapolated` the features beyond this model's training range (joined by `;`).
/// - json: one ``CarePlan`` per line (sorted keys).
struct CarePlanFormatter {
    let format: OutputFormat
    let planner: CarePlanScorer
    /// One one-model formatter per condition, for its number formats and footer.
    private let formatters: [ReportFormatter]

    init(format: OutputFormat, planner: CarePlanScorer) {
        self.format = format
        self.planner = planner
        formatters = planner.scorers.map { ReportFormatter(format: format, scorer: $0) }
    }

    /// What comes before the first patient.
    var header: String {
        format == .csv ? "id,model,status,risk,percentile,band,top_factors,recommendations,due_dates,imputed,recommendation_texts,extrapolated\n" : ""
    }

    /// One patient's plan.
    func text(_ plan: CarePlan) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
        case .csv: return csv(plan)
        case .table: return table(plan)
        }
    }

    private func csv(_ plan: CarePlan) -> String {
        plan.conditions.map { c in
            let r = c.report
            let factors = r.shownContributions.map { "\($0.feature):\(String(format: "%+.4f", $0.value))" }.joined(separator: ";")
            let recommendations = plan.recommendations.filter { $0.conditions.contains(c.model) }.map(\.recommendation)
            let rules = recommendations.map { $0.rule + ($0.intervalMonths.map { "/\($0)mo" } ?? "") }.joined(separator: ";")
            let due = recommendations.compactMap { rec in
                rec.dueDate.map { "\(rec.rule):\($0)" + (rec.overdue == true ? " (overdue)" : "") }
            }.joined(separator: ";")
            let scored = c.status == .scored
            return [plan.id ?? "", c.model, c.status.rawValue, scored ? String(r.score.risk) : "",
                    scored ? String(format: "%.1f", r.score.percentile) : "",
                    r.policy?.band.id ?? "", factors, rules, due, r.score.imputed.joined(separator: ";"),
                    recommendations.map(\.text).joined(separator: " | "),
                    scored ? r.score.extrapolated.map(\.feature).joined(separator: ";") : ""]
                .map(csvField).joined(separator: ",") + "\n"
        }.joined()
    }

    private func table(_ plan: CarePlan) -> String {
        var out = plan.id.map { "Patient \($0)\n" } ?? "Patient\n"
        for (k, c) in plan.conditions.enumerated() {
            let f = formatters[k], r = c.report
            let horizon = c.horizonYears.map { String(format: "%g-year risk", $0) } ?? "Risk"
            out += "\n  \(c.model): \(c.outcome)\n"
            if let reason = r.notAssessable {
                out += "    Not assessable: \(reason) — no risk is given\n"
            } else {
                out += "    \(horizon): \(f.percent(r.score.risk)), \(f.ordinal(r.score.percentile)) percentile of the training population\n"
            }
            if let band = r.policy?.band {
                out += "    Risk band: \(band.label) — \(band.source)\n"
            }
            if !r.score.imputed.isEmpty { out += "    Missing and imputed: \(r.score.imputed.joined(separator: ", "))\n" }
            out += ReportFormatter.extrapolationNote(r.score.extrapolated, indent: "    ")
            let factors = r.shownContributions.map { "\($0.feature) \(String(format: "%+.3f", $0.value))" }
            if !factors.isEmpty {
                out += "    Main factors (log-odds relative to an average patient): \(factors.joined(separator: ", "))\n"
            }
            if let plan = r.whatIf {
                out += f.whatIfSection(plan, risk: r.score.risk, indent: "    ")
            }
            if !r.skippedRules.isEmpty {
                out += "    Not evaluated (missing data): "
                    + r.skippedRules.map { "\($0.rule) (\($0.fields.joined(separator: ", ")))" }.joined(separator: "; ") + "\n"
            }
        }
        out += "\n  Care plan (recommendations of the \(plan.conditions.count) conditions, merged):\n"
        if plan.recommendations.isEmpty { out += "    none triggered\n" }
        for merged in plan.recommendations {
            let rec = merged.recommendation
            out += "    [\(rec.rule)] \(rec.kind.rawValue): \(rec.text)\(rec.scheduleText)\n"
            out += "      Source: \(rec.source). For: \(merged.conditions.joined(separator: ", "))\n"
        }
        return out + "\n"
    }

    /// What follows the last patient: for a table, each model and policy, and the disclaimer.
    func footer() -> String {
        guard format == .table else { return "" }
        var out = ""
        for (name, scorer) in zip(planner.names, planner.scorers) {
            out += "Model \(name): \(scorer.model.description ?? scorer.model.outcome.column)\n"
            if let policy = scorer.policy {
                out += "  Policy: \(policy.title) \(policy.policyVersion) (\(policy.date)). \(policy.disclaimer)\n"
            }
            out += "  Provenance: \(ReportFormatter.provenance(of: scorer))\n"
        }
        out += "Decision support, not a diagnosis.\n"
        return out
    }
}
