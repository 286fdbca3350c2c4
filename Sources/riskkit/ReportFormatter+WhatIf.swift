import Foundation
import RiskKit

extension ReportFormatter {
    /// The what-if plan of one patient shown in full: each factor with its value now → at target (with the
    /// policy field's unit), the risk now → then and the change in percentage points; all factors together; the
    /// factors left out for want of a value; the risk age; and what these figures are. The heading is indented by
    /// `indent`, the lines under it by two spaces more.
    func whatIfSection(_ plan: WhatIfPlan, risk: Double, indent: String = "  ") -> String {
        var out = "\n\(indent)What if (model-based estimates, not causal effects):\n"
        let item = indent + "  "
        if plan.steps.isEmpty { out += "\(item)No modifiable factor the model uses is off target.\n" }
        for step in plan.steps {
            let unit = step.unit.map { " (\($0))" } ?? ""
            out += "\(item)\(step.label)\n\(item)  \(step.factor) \(number(step.current)) → \(number(step.target))\(unit): "
                + riskChange(from: risk, to: step.risk) + "\n"
        }
        if let combined = plan.combined, plan.steps.count > 1 {
            out += "\(item)All of these together: \(riskChange(from: risk, to: combined.risk))\n"
        }
        if !plan.imputed.isEmpty {
            out += "\(item)Not in the plan (value missing, imputed: it cannot be changed without being known): "
                + plan.imputed.joined(separator: ", ") + "\n"
        }
        out += "\(item)Risk age: " + (plan.riskAge.age.map { age in
            "\(Int(age.rounded())) (actual \(plan.riskAge.actual.map(number) ?? "not given")): the age at which a person of the same sex, "
                + "with the factors above at target and every other value as now, has this risk"
        } ?? "not given (\(plan.riskAge.reason ?? "unknown"))") + "\n"
        out += "\(item)\(WhatIfPlan.note)\n"
        return out
    }

    /// `risk 14.2% → 9.1%, −5.1 percentage points`.
    private func riskChange(from now: Double, to then: Double) -> String {
        let points = (then - now) * 100
        let digits = abs(points) < 0.1 && points != 0 ? 2 : 1
        return "risk \(percent(now)) → \(percent(then)), "
            + String(format: "%+.\(digits)f", points).replacingOccurrences(of: "-", with: "−") + " percentage points"
    }

    /// A patient value with at most one decimal (`31.5`, `120`).
    private func number(_ x: Double) -> String {
        let text = String(format: "%.1f", x)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The recommendations of one patient of a list, one indented line each with its text, so a clinic's list
    /// reads without the policy at hand.
    func recommendationLines(_ report: PatientReport) -> String {
        report.recommendations.map { rec in "    [\(rec.rule)] \(rec.text)\(rec.scheduleText)\n" }.joined()
    }
}
