import Foundation
import RiskKit

/// Formats patient reports as a clinician-readable table, CSV, or JSON Lines, streaming one patient at a time.
struct ReportWriter {
    let format: OutputFormat
    let model: RiskModel
    let policy: RecommendationPolicy?
    let sink: OutputSink
    /// One patient, shown in full (instead of one line per patient).
    var detailed = false
    private var wroteHeader = false
    /// The line being formatted, reused from patient to patient.
    private var line: [UInt8] = []
    /// One CSV field being formatted, before quoting.
    private var field: [UInt8] = []

    init(format: OutputFormat, model: RiskModel, policy: RecommendationPolicy?, sink: OutputSink) {
        self.format = format
        self.model = model
        self.policy = policy
        self.sink = sink
    }

    mutating func add(_ report: PatientReport) throws {
        switch format {
        case .json:
            line.removeAll(keepingCapacity: true)
            try report.appendJSONLine(to: &line)
            try sink.write(bytes: line)
        case .csv:
            if !wroteHeader {
                let genetic = model.genetics == nil ? "" : ",prs,prs_percentile,genetic_odds_ratio,risk_without_genetics"
                try sink.write("id,risk,percentile,band,top_factors,recommendations,imputed" + genetic + "\n")
                wroteHeader = true
            }
            line.removeAll(keepingCapacity: true)
            appendCSVLine(report)
            try sink.write(bytes: line)
        case .table:
            if detailed { try sink.write(block(report)) } else { try sink.write(line(report)) }
        }
    }

    /// Appends one patient's CSV record to ``line``: `id,risk,percentile,band,top_factors,recommendations,imputed`,
    /// then for a model with genetics `prs,prs_percentile,genetic_odds_ratio,risk_without_genetics`. Numbers are
    /// `String(Double)` (shortest round-trip) or printf-style fixed decimals (`DecimalNumber.appendFixed`).
    private mutating func appendCSVLine(_ report: PatientReport) {
        let score = report.score
        appendField(score.id ?? "")
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: score.risk.description.utf8)
        line.append(UInt8(ascii: ","))
        DecimalNumber.appendFixed(score.percentile, digits: 1, to: &line)
        line.append(UInt8(ascii: ","))
        appendField(report.policy?.band.id ?? "")
        line.append(UInt8(ascii: ","))
        field.removeAll(keepingCapacity: true)
        for (k, c) in report.shownContributions.enumerated() {
            if k > 0 { field.append(UInt8(ascii: ";")) }
            field.append(contentsOf: c.feature.utf8)
            field.append(UInt8(ascii: ":"))
            DecimalNumber.appendFixed(c.value, digits: 4, plusSign: true, to: &field)
        }
        appendQuoted(field)
        line.append(UInt8(ascii: ","))
        field.removeAll(keepingCapacity: true)
        for (k, r) in (report.policy?.recommendations ?? []).enumerated() {
            if k > 0 { field.append(UInt8(ascii: ";")) }
            field.append(contentsOf: r.rule.utf8)
            if let months = r.intervalMonths { field.append(contentsOf: "/\(months)mo".utf8) }
        }
        appendQuoted(field)
        line.append(UInt8(ascii: ","))
        field.removeAll(keepingCapacity: true)
        for (k, name) in score.imputed.enumerated() {
            if k > 0 { field.append(UInt8(ascii: ";")) }
            field.append(contentsOf: name.utf8)
        }
        appendQuoted(field)
        if let g = score.genetics {
            line.append(UInt8(ascii: ","))
            if let prs = g.score { line.append(contentsOf: prs.description.utf8) }
            line.append(UInt8(ascii: ","))
            if let p = g.percentile { DecimalNumber.appendFixed(p, digits: 1, to: &line) }
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: g.oddsRatio.description.utf8)
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: g.riskWithoutGenetics.description.utf8)
        }
        line.append(UInt8(ascii: "\n"))
    }

    /// Appends `text` to ``line`` as one CSV field (quoted when needed, see `csvField`).
    private mutating func appendField(_ text: String) {
        field.removeAll(keepingCapacity: true)
        field.append(contentsOf: text.utf8)
        appendQuoted(field)
    }

    /// Appends `bytes` to ``line`` as one CSV field, quoted (with doubled quotes) when it holds a comma, quote or
    /// line break, as `csvField` does.
    private mutating func appendQuoted(_ bytes: [UInt8]) {
        let special = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard special else { return line.append(contentsOf: bytes) }
        line.append(0x22)
        for b in bytes {
            if b == 0x22 { line.append(0x22) }
            line.append(b)
        }
        line.append(0x22)
    }

    mutating func finish() throws {
        if format == .table && !detailed && !wroteHeader { try sink.write(tableHeader()) }
        if format == .table { try sink.write(footer()) }
    }

    private func percent(_ p: Double) -> String { p == 0 ? "0%" : String(format: p < 0.001 ? "%.2f%%" : "%.1f%%", p * 100) }

    private func ordinal(_ p: Double) -> String {
        let n = Int(p.rounded())
        let suffix = (11...13).contains(n % 100) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        return "\(n)\(suffix)"
    }

    private func tableHeader() -> String {
        let genetic = model.genetics == nil ? "" : pad("PRS pctl", 8, right: true) + "  " + pad("gen. OR", 7, right: true) + "  "
        let h = pad("patient", 16) + "  " + pad("risk", 7, right: true) + "  " + pad("pctl", 5, right: true) + "  "
            + genetic + pad("band", 13) + "  " + pad("main factors", 40) + "  recommendations\n"
        return h + String(repeating: "-", count: 110 + genetic.count) + "\n"
    }

    private mutating func line(_ r: PatientReport) throws -> String {
        var out = ""
        if !wroteHeader {
            out += tableHeader()
            wroteHeader = true
        }
        let factors = r.shownContributions.prefix(3).map { "\($0.feature) \(String(format: "%+.2f", $0.value))" }.joined(separator: ", ")
        let recs = (r.policy?.recommendations ?? []).map(\.rule).joined(separator: " ")
        let genetic = r.score.genetics.map { g in
            pad(g.percentile.map { String(Int($0.rounded())) } ?? "—", 8, right: true) + "  "
                + pad(String(format: "%.2f", g.oddsRatio), 7, right: true) + "  "
        } ?? ""
        out += pad(r.score.id ?? "—", 16) + "  " + pad(percent(r.score.risk), 7, right: true) + "  "
            + pad(String(Int(r.score.percentile.rounded())), 5, right: true) + "  " + genetic + pad(r.policy?.band.id ?? "—", 13) + "  "
            + pad(factors, 40) + "  " + recs + "\n"
        return out
    }

    private func block(_ r: PatientReport) -> String {
        var out = r.score.id.map { "Patient \($0)\n" } ?? "Patient\n"
        let horizon = policy.map { String(format: "%g-year risk", $0.outcome.horizonYears) } ?? "Risk of \(model.outcome.column)"
        out += "  \(horizon): \(percent(r.score.risk)), \(ordinal(r.score.percentile)) percentile of the training population\n"
        if let policy { out += "  Outcome: \(policy.outcome.description)\n" }
        if let band = r.policy?.band {
            out += "  Risk band: \(band.label) [\(percent(band.lower))–\(band.upper >= 1 ? "100%" : "<" + percent(band.upper))] — \(band.source)\n"
        }
        if let g = r.score.genetics {
            let score = g.score.map { String(format: "%.4g", $0) } ?? "not available (no genotypes; average assumed)"
            out += "  Polygenic score: \(score)" + (g.percentile.map { ", \(ordinal($0)) percentile of the training samples" } ?? "") + "\n"
            out += "  Genetic part: odds ratio \(String(format: "%.2f", g.oddsRatio)) against an average genetic background; "
                + "risk without it \(percent(g.riskWithoutGenetics))\n"
        }
        if !r.score.imputed.isEmpty {
            out += "  Missing and imputed: \(r.score.imputed.joined(separator: ", "))\n"
        }
        out += "\n  Main factors (log-odds relative to an average patient in the training data):\n"
        for c in r.shownContributions {
            out += "    \(pad(c.feature, 24)) \(String(format: "%+.3f", c.value))  \(c.value > 0 ? "raises" : "lowers") risk\n"
        }
        if let outcome = r.policy {
            out += "\n  Recommendations (policy \(outcome.policyVersion)):\n"
            if outcome.recommendations.isEmpty { out += "    none triggered\n" }
            for rec in outcome.recommendations {
                let interval = rec.intervalMonths.map { " Repeat every \($0) months." } ?? ""
                out += "    [\(rec.rule)] \(rec.kind.rawValue): \(rec.text)\(interval)\n      Source: \(rec.source)\n"
            }
            if !outcome.skipped.isEmpty {
                out += "\n  Not evaluated (missing data): " + outcome.skipped.map { "\($0.rule) (\($0.fields.joined(separator: ", ")))" }.joined(separator: "; ") + "\n"
            }
        }
        return out
    }

    private func footer() -> String {
        var out = "\n"
        if let d = model.description { out += "Model: \(d)\n" }
        if let policy { out += "Policy: \(policy.title) \(policy.policyVersion) (\(policy.date)). \(policy.disclaimer)\n" }
        out += "Decision support, not a diagnosis.\n"
        return out
    }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let t = s.count > width ? String(s.prefix(width - 1)) + "…" : s
        let fill = String(repeating: " ", count: Swift.max(0, width - t.count))
        return right ? fill + t : t + fill
    }
}
