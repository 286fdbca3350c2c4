import Foundation
import RiskKit

/// Formats scored patients as a clinician-readable table, CSV, or JSON Lines: a block's rows at a time, on
/// whichever thread scoring hands them to (see ``ReportWriter`` for the header, footer and order).
struct ReportFormatter: Sendable {
    let format: OutputFormat
    let scorer: PatientScorer
    /// CSV and JSON Lines writing, its texts turned into bytes once for the whole run.
    private let lines: PatientLineWriter
    /// One patient, shown in full (instead of one line per patient).
    var detailed = false
    /// How contributions are shown in table and CSV output.
    let contributions: ContributionScale

    init(format: OutputFormat, scorer: PatientScorer, contributions: ContributionScale = .logOdds) {
        self.format = format
        self.scorer = scorer
        self.contributions = contributions
        lines = PatientLineWriter(scorer: scorer, oddsRatios: contributions == .oddsRatio)
    }

    var model: RiskModel { scorer.model }
    var policy: RecommendationPolicy? { scorer.policy }

    /// The formatted rows of a scored block: row i is `bytes[ends[i − 1]..<ends[i]]`; formatting stopped before
    /// row `ends.count` when `failure` is set.
    struct Rows: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var failure: (any Error)?

        /// The first `n` rows (without the failure, which comes after them).
        func prefix(_ n: Int) -> Rows {
            guard n < ends.count else { return self }
            return Rows(bytes: Array(bytes[..<(n == 0 ? 0 : ends[n - 1])]), ends: Array(ends.prefix(n)), failure: nil)
        }
    }

    /// Formats every patient of `block`.
    func rows(_ block: PatientBlock) -> Rows {
        var rows = Rows()
        rows.ends.reserveCapacity(block.count)
        var lines = self.lines
        do {
            for i in 0..<block.count {
                switch format {
                case .json: try lines.appendJSON(i, of: block, to: &rows.bytes)
                case .csv: lines.appendCSV(i, of: block, to: &rows.bytes)
                case .table:
                    let report = block.report(i, scorer: scorer)
                    rows.bytes += (detailed ? self.block(report) : line(report)).utf8
                }
                rows.ends.append(rows.bytes.count)
                // Room for the rest at the first row's length and a fifth more, instead of growing by copies.
                if i == 0 { rows.bytes.reserveCapacity(rows.bytes.count * block.count * 6 / 5) }
            }
        } catch {
            rows.failure = error
        }
        return rows
    }

    /// What comes before the first row: the CSV header, or the table's column heads.
    var header: String {
        switch format {
        case .csv: PatientLineWriter.csvHeader(model: model, oddsRatios: contributions == .oddsRatio)
        case .table: detailed ? "" : tableHeader()
        case .json: ""
        }
    }

    func percent(_ p: Double) -> String { p == 0 ? "0%" : String(format: p < 0.001 ? "%.2f%%" : "%.1f%%", p * 100) }

    func ordinal(_ p: Double) -> String {
        let n = Int(p.rounded())
        let suffix = (11...13).contains(n % 100) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        return "\(n)\(suffix)"
    }

    private func tableHeader() -> String {
        let genetic = model.genetics == nil ? "" : pad("PRS pctl", 8, right: true) + "  " + pad("gen. OR", 7, right: true) + "  "
        let h = pad("patient", 16) + "  " + pad("risk", 7, right: true) + "  " + pad("pctl", 5, right: true) + "  "
            + genetic + pad("band", 13) + "  "
            + pad(contributions == .oddsRatio ? "main factors (odds ratio)" : "main factors (log-odds)", 40) + "  recommendations\n"
        return h + String(repeating: "-", count: 110 + genetic.count) + "\n"
    }

    private func line(_ r: PatientReport) -> String {
        var out = ""
        let factors = r.shownContributions.prefix(3).map { "\($0.feature) \(contribution($0.value, digits: 2))" }.joined(separator: ", ")
        let recs = r.recommendations.map(\.rule).joined(separator: " ")
        let missing = r.score.imputed.joined(separator: ", ")
        if let reason = r.notAssessable {
            return pad(r.score.id ?? "—", 16) + "  not assessable: \(reason)" + (recs.isEmpty ? "" : "  " + recs)
                + (missing.isEmpty ? "" : "  (missing: \(missing))") + "\n" + recommendationLines(r)
        }
        let beyond = r.score.extrapolated.map(\.feature).joined(separator: ", ")
        let imputed = (missing.isEmpty ? "" : "  (imputed: \(missing))") + (beyond.isEmpty ? "" : "  (beyond the training data: \(beyond))")
        let genetic = r.score.genetics.map { g in
            pad(g.percentile.map(ordinal) ?? "—", 8, right: true) + "  "
                + pad(String(format: "%.2f", g.oddsRatio), 7, right: true) + "  "
        } ?? ""
        out += pad(r.score.id ?? "—", 16) + "  " + pad(percent(r.score.risk), 7, right: true) + "  "
            + pad(ordinal(r.score.percentile), 5, right: true) + "  " + genetic + pad(r.policy?.band.id ?? "—", 13) + "  "
            + pad(factors, 40) + "  " + recs + imputed + "\n"
        out += recommendationLines(r)
        return out
    }

    private func block(_ r: PatientReport) -> String {
        var out = r.score.id.map { "Patient \($0)\n" } ?? "Patient\n"
        if let reason = r.notAssessable { return out + notAssessableBlock(r, reason: reason) }
        let horizon = policy.map { String(format: "%g-year risk", $0.outcome.horizonYears) } ?? "Risk of \(model.outcome.column)"
        out += "  \(horizon): \(percent(r.score.risk)), \(ordinal(r.score.percentile)) percentile of the training population\n"
        if let policy { out += "  Outcome: \(policy.outcome.description)\n" }
        if let band = r.policy?.band {
            out += "  Risk band: \(band.label) [\(percent(band.lower))–\(band.upper >= 1 ? "100%" : "<" + percent(band.upper))] — \(band.source)\n"
        }
        if let g = r.score.genetics {
            let adjusted = model.genetics?.scale.isAncestryAdjusted == true
            let score = g.score.map { String(format: "%.4g", $0) }
                ?? g.notAssessableReason.map { "not assessable: \($0)" } ?? "not available (no genotypes; average assumed)"
            let scale = model.genetics.map { adjusted ? " (\($0.scale.rawValue), adjusted for ancestry)" : "" } ?? ""
            let percentile = adjusted ? "ancestry-adjusted percentile" : "percentile of the training samples"
            out += "  Polygenic score\(scale): \(score)" + (g.percentile.map { ", \(ordinal($0)) \(percentile)" } ?? "") + "\n"
            if let d = g.ancestry, g.notAssessableReason == nil {
                out += "  Ancestry: Mahalanobis D² \(String(format: "%.3g", d.mahalanobisDistanceSquared)) from the score's reference samples "
                    + "(p = \(String(format: "%.3g", d.pcCloudPValue))), inside their PC cloud\n"
            }
            out += "  Genetic part: odds ratio \(String(format: "%.2f", g.oddsRatio)) against an average genetic background; "
                + "risk without it \(percent(g.riskWithoutGenetics))\n"
        }
        if !r.score.imputed.isEmpty {
            out += "  Missing and imputed: \(r.score.imputed.joined(separator: ", "))\n"
        }
        out += Self.extrapolationNote(r.score.extrapolated, indent: "  ")
        out += contributions == .oddsRatio
            ? "\n  Main factors (odds ratio against an average patient in the training data):\n"
            : "\n  Main factors (log-odds relative to an average patient in the training data):\n"
        for c in r.shownContributions {
            out += "    \(pad(c.feature, 24)) \(contribution(c.value, digits: 3))  \(c.value > 0 ? "raises" : "lowers") risk\n"
        }
        if let plan = r.whatIf { out += whatIfSection(plan, risk: r.score.risk) }
        return out + recommendationsBlock(r)
    }

    /// The note line on values beyond the training data ("Beyond the training data: age 79 years (trained on
    /// 40–78 years) — the estimate is an extrapolation"), empty when there are none.
    static func extrapolationNote(_ extrapolated: [Extrapolation], indent: String) -> String {
        guard !extrapolated.isEmpty else { return "" }
        return "\(indent)Beyond the training data: \(extrapolated.map(\.description).joined(separator: ", ")) — "
            + "the estimate is an extrapolation\n"
    }

    /// A not-assessable patient in full: the reason instead of a risk, the imputed features, and the rules
    /// decided without the risk.
    private func notAssessableBlock(_ r: PatientReport, reason: NotAssessableReason) -> String {
        var out = "  Not assessable: \(reason) — no risk is given\n"
        if !r.score.imputed.isEmpty {
            out += "  Missing: \(r.score.imputed.joined(separator: ", "))\n"
        }
        return out + recommendationsBlock(r)
    }

    /// The policy's recommendations and the rules it could not evaluate (nothing without a policy).
    private func recommendationsBlock(_ r: PatientReport) -> String {
        guard let version = r.policyVersion else { return "" }
        var out = "\n  Recommendations (policy \(version)):\n"
        if r.recommendations.isEmpty { out += "    none triggered\n" }
        for rec in r.recommendations {
            out += "    [\(rec.rule)] \(rec.kind.rawValue): \(rec.text)\(rec.scheduleText)\n      Source: \(rec.source)\n"
        }
        if !r.skippedRules.isEmpty {
            out += "\n  Not evaluated (missing data): " + Self.skippedText(r.skippedRules) + "\n"
        }
        return out
    }

    /// A contribution as log odds (`+0.523`) or as an odds ratio (`×1.687`), with `digits` decimals.
    private func contribution(_ value: Double, digits: Int) -> String {
        contributions == .oddsRatio ? "×" + String(format: "%.\(digits)f", exp(value)) : String(format: "%+.\(digits)f", value)
    }

    func footer() -> String {
        var out = "\n"
        if let d = model.description { out += "Model: \(d)\n" }
        if let policy { out += "Policy: \(policy.title) \(policy.policyVersion) (\(policy.date)). \(policy.disclaimer)\n" }
        out += "Provenance: \(Self.provenance(of: scorer))\n"
        out += "Decision support, not a diagnosis.\n"
        return out
    }

    /// What a table says it was made with: "model <checksum>, policy <version>, scored at <time>".
    static func provenance(of scorer: PatientScorer) -> String {
        "model \(scorer.provenance.modelChecksum ?? "(no checksum)"), policy \(scorer.policy?.policyVersion ?? "(none)"), "
            + "scored at \(scorer.provenance.scoredAt ?? "(unknown)")"
    }

    func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let t = s.count > width ? String(s.prefix(width - 1)) + "…" : s
        let fill = String(repeating: " ", count: Swift.max(0, width - t.count))
        return right ? fill + t : t + fill
    }
}

extension ReportFormatter {
    /// The rules a patient's data could not decide, each with the fields it needs (or why, when it needs no field
    /// but the risk of a patient the model cannot assess): `DM-02 (hba1c); BR-07 (needs the risk: not assessable)`.
    static func skippedText(_ rules: [SkippedRule]) -> String {
        rules.map { "\($0.rule) (\($0.fields.isEmpty ? $0.reason : $0.fields.joined(separator: ", ")))" }.joined(separator: "; ")
    }
}
