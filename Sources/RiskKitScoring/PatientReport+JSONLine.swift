import Foundation
import RiskKitRecommendations
import RiskKitModels

extension PatientReport {
    /// Appends the report as one line of JSON (then `\n`) to `out`: the bytes `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes`, written directly instead of through an encoder.
    ///
    /// Keys in sorted order; numbers as `JSONEncoder` writes a `Double` (its `description`, without a trailing
    /// `.0`); strings with `"` and `\` escaped. A report with a text holding a control character, or a non-finite
    /// number, is handed to `JSONEncoder` itself, so the result never differs from it.
    public func appendJSONLine(to out: inout [UInt8]) throws {
        guard isPlain else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            out.append(contentsOf: try encoder.encode(self))
            out.append(0x0A)
            return
        }
        var w = JSONBytes(out: out)
        out = []
        w.raw("{\"band\":")
        w.string(policy?.band.id)
        w.raw(",\"band_label\":")
        w.string(policy?.band.label)
        w.raw(",\"contributions\":[")
        for (k, c) in shownContributions.enumerated() {
            w.raw(k == 0 ? "{\"feature\":" : ",{\"feature\":")
            w.string(c.feature)
            w.raw(",\"value\":")
            w.number(c.value)
            w.raw("}")
        }
        w.raw("]")
        if let g = score.genetics {
            w.raw(",\"genetics\":{\"log_odds\":")
            w.number(g.logOdds)
            w.raw(",\"odds_ratio\":")
            w.number(g.oddsRatio)
            if let p = g.percentile { w.raw(",\"percentile\":"); w.number(p) }
            w.raw(",\"risk_without_genetics\":")
            w.number(g.riskWithoutGenetics)
            if let s = g.score { w.raw(",\"score\":"); w.number(s) }
            if let z = g.z { w.raw(",\"z\":"); w.number(z) }
            w.raw("}")
        }
        w.raw(",\"id\":")
        w.string(score.id)
        w.raw(",\"imputed\":")
        w.strings(score.imputed)
        w.raw(",\"linear_predictor\":")
        w.number(score.linearPredictor)
        w.raw(",\"percentile\":")
        w.number(score.percentile)
        w.raw(",\"policy_version\":")
        w.string(policy?.policyVersion)
        w.raw(",\"recommendations\":[")
        for (k, r) in (policy?.recommendations ?? []).enumerated() {
            w.raw(k == 0 ? "{" : ",{")
            if let c = r.contribution { w.raw("\"contribution\":"); w.number(c); w.raw(",") }
            if let f = r.factor { w.raw("\"factor\":"); w.string(f); w.raw(",") }
            w.raw("\"interval_months\":")
            if let m = r.intervalMonths { w.raw(String(m)) } else { w.raw("null") }
            w.raw(",\"kind\":")
            w.string(r.kind.rawValue)
            if let n = r.note { w.raw(",\"note\":"); w.string(n) }
            w.raw(",\"rule\":")
            w.string(r.rule)
            w.raw(",\"source\":")
            w.string(r.source)
            w.raw(",\"text\":")
            w.string(r.text)
            w.raw("}")
        }
        w.raw("],\"risk\":")
        w.number(score.risk)
        w.raw(",\"skipped_rules\":[")
        for (k, s) in (policy?.skipped ?? []).enumerated() {
            w.raw(k == 0 ? "{\"fields\":" : ",{\"fields\":")
            w.strings(s.fields)
            w.raw(",\"reason\":")
            w.string(s.reason)
            w.raw(",\"rule\":")
            w.string(s.rule)
            w.raw("}")
        }
        w.raw("]}\n")
        out = w.out
    }

    /// Whether every number is finite and no text holds a control character (what the direct writer covers).
    private var isPlain: Bool {
        func plain(_ s: String?) -> Bool { s.map { !$0.utf8.contains { $0 < 0x20 } } ?? true }
        var numbers = [score.risk, score.percentile, score.linearPredictor] + shownContributions.map(\.value)
        var texts: [String?] = [score.id] + score.imputed + shownContributions.map(\.feature)
        if let g = score.genetics {
            numbers += [g.logOdds, g.oddsRatio, g.riskWithoutGenetics, g.percentile ?? 0, g.score ?? 0, g.z ?? 0]
        }
        if let policy {
            texts += [policy.band.id, policy.band.label, policy.policyVersion]
            for r in policy.recommendations {
                texts += [r.rule, r.text, r.source, r.note, r.factor]
                numbers.append(r.contribution ?? 0)
            }
            for s in policy.skipped { texts += [s.rule, s.reason] + s.fields }
        }
        return numbers.allSatisfy(\.isFinite) && texts.allSatisfy(plain)
    }
}

/// Bytes of JSON being written.
private struct JSONBytes {
    var out: [UInt8]

    mutating func raw(_ text: String) { out.append(contentsOf: text.utf8) }

    /// A string with `"` and `\` escaped (control characters are excluded by the caller), or `null`.
    mutating func string(_ text: String?) {
        guard let text else { return raw("null") }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 || b == 0x5C { out.append(0x5C) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// A JSON array of strings.
    mutating func strings(_ texts: [String]) {
        raw("[")
        for (k, text) in texts.enumerated() {
            if k > 0 { raw(",") }
            string(text)
        }
        raw("]")
    }

    /// A finite number as `JSONEncoder` writes a `Double`: its description without a trailing `.0`.
    mutating func number(_ x: Double) {
        let text = x.description
        if text.hasSuffix(".0") { out.append(contentsOf: text.utf8.dropLast(2)) } else { out.append(contentsOf: text.utf8) }
    }
}
