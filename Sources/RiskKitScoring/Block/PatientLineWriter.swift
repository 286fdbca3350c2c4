import Foundation
import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// Writes scored patients of a ``PatientBlock`` as CSV records or JSON Lines, straight from the block's columns
/// into a reused byte buffer; the model's and policy's texts are turned into bytes once, when the writer is made.
///
/// CSV columns: `id,risk,percentile,band,top_factors,recommendations,imputed`, then for a model with genetics
/// `prs,prs_percentile,genetic_odds_ratio,risk_without_genetics` (and, on an ancestry-adjusted scale,
/// `mahalanobis_d2,pc_cloud_p,outside_reference,genetics_not_assessable_reason`), then
/// `status,not_assessable_reason,model_checksum,policy_version,scored_at`, then `recommendation_texts` (the fired
/// rules' texts, joined by ` | `), then `extrapolated` (the features whose values lie beyond the training range,
/// joined by `;`) (``csvHeader(model:oddsRatios:)``); a not-assessable patient's risk, percentile,
/// band, factors and genetics are empty cells. With odds ratios, `top_factors` is `top_factors_odds_ratio` and holds
/// e^contribution. Numbers are `String(Double)`
/// (shortest round-trip) or printf-style fixed decimals (`DecimalNumber.appendFixed`); fields holding a comma,
/// quote or line break are quoted, quotes doubled.
///
/// JSON Lines: one ``PatientReport`` per line, the bytes `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, written directly: keys in sorted order, numbers as `JSONEncoder` writes a `Double`
/// (its `description` without a trailing `.0`), strings with `"` and `\` escaped. A patient with a text holding a
/// control character, or a non-finite number, is handed to `JSONEncoder` itself, so the result never differs
/// from it. A not-assessable patient, rare by nature, is also handed to `JSONEncoder`.
package struct PatientLineWriter: Sendable {
    let scorer: PatientScorer
    /// Feature names: as they are (CSV) and as JSON strings.
    private let featureText: [[UInt8]]
    private let featureJSON: [[UInt8]]
    /// Per rule, its CSV item (`id` or `id/12mo`) and its JSON object after the optional `contribution` member.
    private let ruleCSV: [[UInt8]]
    private let ruleJSONTail: [[UInt8]]
    /// Per rule, ``ruleJSONTail`` in the three parts that the due-date members go between (`due_date` before the
    /// first, `last_done` after it, `overdue` after the second): `"factor":…,"interval_months":…,"kind":…`, then
    /// `,"note":…` (or nothing), then `,"overrides":[…],"rule":…,"source":…,"text":…}`.
    private let ruleJSONParts: [(head: [UInt8], note: [UInt8], tail: [UInt8])]
    /// Per rule, the interval its due date is computed with: set for a rule with a `last_done_field` when the
    /// scorer has an as-of date.
    private let dueMonths: [Int?]
    /// Per rule, its text with quotes doubled (CSV), and whether it holds a comma, quote or line break (so the
    /// field it is in is quoted).
    private let ruleTextCSV: [[UInt8]]
    private let ruleTextQuoted: [Bool]
    /// Whether no feature name, and no rule's CSV item, holds a comma, quote or line break: then the fields listing
    /// them (`top_factors`, `imputed`, `recommendations`) never need quotes and are written straight into the line.
    private let plainFeatureNames: Bool
    private let plainRuleItems: Bool
    /// Whether CSV contributions are odds ratios (e^contribution) instead of log odds.
    private let oddsRatios: Bool
    /// Per band, its CSV field (quoted when it must be) and the JSON line's start up to the contributions:
    /// `{"band":…,"band_label":…`.
    private let bandCSV: [[UInt8]]
    private let bandJSON: [[UInt8]]
    /// `,"policy_version":"…"`.
    private let policyVersionJSON: [UInt8]
    /// `,"model_checksum":…,"not_assessable_reason":null` and `,"scored_at":…` (a scored patient's provenance).
    private let checksumJSON: [UInt8], scoredAtJSON: [UInt8]
    /// The CSV record's end after `status,not_assessable_reason`: `,<model_checksum>,<policy_version>,<scored_at>`.
    private let provenanceCSV: [UInt8]
    /// Whether the scorer applies a policy.
    private let hasPolicy: Bool
    /// Whether the model takes its polygenic score on an ancestry-adjusted scale (the CSV then has ancestry columns).
    private let ancestryColumns: Bool
    /// The what-if keys, for a policy with modifiable factors.
    private let whatIf: WhatIfJSON
    /// Whether every model and policy text can be written directly (no control characters).
    private let plainTexts: Bool
    /// One CSV field being formatted, before quoting.
    private var field: [UInt8] = []

    /// A writer for the patients `scorer` scores; CSV contributions as odds ratios when `oddsRatios`.
    package init(scorer: PatientScorer, oddsRatios: Bool = false) {
        self.scorer = scorer
        self.oddsRatios = oddsRatios
        hasPolicy = scorer.policy != nil
        ancestryColumns = scorer.model.genetics?.scale.isAncestryAdjusted == true
        let names = scorer.model.schema.features.map(\.name)
        featureText = names.map { Array($0.utf8) }
        featureJSON = names.map { JSONText.string($0) }
        let rules = scorer.policy?.rules ?? []
        ruleCSV = rules.map { Array(($0.id + ($0.intervalMonths.map { "/\($0)mo" } ?? "")).utf8) }
        plainFeatureNames = featureText.allSatisfy { Self.quoted($0) == $0 }
        plainRuleItems = ruleCSV.allSatisfy { Self.quoted($0) == $0 }
        ruleTextCSV = rules.map { rule in rule.text.utf8.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } }
        ruleTextQuoted = rules.map { $0.text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } }
        ruleJSONParts = rules.map { rule in
            var head: [UInt8] = [], note: [UInt8] = [], tail: [UInt8] = []
            if let factor = rule.factor { head += JSONText.raw("\"factor\":") + JSONText.string(factor) + JSONText.raw(",") }
            head += JSONText.raw("\"interval_months\":" + (rule.intervalMonths.map(String.init) ?? "null") + ",\"kind\":")
            head += JSONText.string(rule.kind.rawValue)
            if let text = rule.note { note = JSONText.raw(",\"note\":") + JSONText.string(text) }
            if !rule.overrides.isEmpty {
                tail += JSONText.raw(",\"overrides\":[")
                for (k, id) in rule.overrides.enumerated() { tail += JSONText.raw(k == 0 ? "" : ",") + JSONText.string(id) }
                tail += JSONText.raw("]")
            }
            tail += JSONText.raw(",\"rule\":") + JSONText.string(rule.id) + JSONText.raw(",\"source\":")
                + JSONText.string(rule.source) + JSONText.raw(",\"text\":") + JSONText.string(rule.text) + JSONText.raw("}")
            return (head, note, tail)
        }
        ruleJSONTail = ruleJSONParts.map { $0.head + $0.note + $0.tail }
        dueMonths = rules.map { rule in
            scorer.asOf == nil || rule.lastDoneField == nil ? nil : rule.intervalMonths
        }
        let bands = scorer.policy?.bands ?? []
        bandCSV = bands.map { Self.quoted(Array($0.id.utf8)) }
        bandJSON = bands.map {
            JSONText.raw("{\"band\":") + JSONText.string($0.id) + JSONText.raw(",\"band_label\":") + JSONText.string($0.label)
        }
        policyVersionJSON = JSONText.raw(",\"policy_version\":") + JSONText.string(scorer.policy?.policyVersion)
        let provenance = scorer.provenance
        checksumJSON = JSONText.raw(",\"model_checksum\":") + JSONText.string(provenance.modelChecksum)
            + JSONText.raw(",\"not_assessable_reason\":null")
        scoredAtJSON = JSONText.raw(",\"scored_at\":") + JSONText.string(provenance.scoredAt)
        var csv: [UInt8] = []
        for text in [provenance.modelChecksum, scorer.policy?.policyVersion, provenance.scoredAt] {
            csv.append(0x2C)
            csv += Self.quoted(Array((text ?? "").utf8))
        }
        provenanceCSV = csv
        var texts = [provenance.modelChecksum ?? "", provenance.scoredAt ?? ""] + names
            + rules.flatMap { [$0.id, $0.text, $0.source, $0.note ?? "", $0.factor ?? ""] + $0.overrides }
        texts += bands.flatMap { [$0.id, $0.label] } + [scorer.policy?.policyVersion ?? ""]
        whatIf = WhatIfJSON(scorer: scorer)
        texts += whatIf.texts
        plainTexts = texts.allSatisfy(JSONText.isPlain)
    }

    /// The CSV header line for `model` (with its trailing line break), contributions as odds ratios when `oddsRatios`.
    package static func csvHeader(model: RiskModel, oddsRatios: Bool = false) -> String {
        "id,risk,percentile,band,\(oddsRatios ? "top_factors_odds_ratio" : "top_factors"),recommendations,imputed"
            + (model.genetics == nil ? "" : ",prs,prs_percentile,genetic_odds_ratio,risk_without_genetics")
            + (model.genetics?.scale.isAncestryAdjusted == true
                ? ",mahalanobis_d2,pc_cloud_p,outside_reference,genetics_not_assessable_reason" : "")
            + ",status,not_assessable_reason,model_checksum,policy_version,scored_at,recommendation_texts,extrapolated\n"
    }

    /// Appends patient `i` of `block` as one CSV record (then `\n`) to `line`.
    package mutating func appendCSV(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) {
        appendQuoted((block.ids[i] ?? "").utf8, to: &line)
        line.append(0x2C)
        if block.notAssessable[i] { return appendNotAssessableCSV(i, of: block, to: &line) }
        DecimalNumber.appendShortest(block.risks[i], to: &line)
        line.append(0x2C)
        DecimalNumber.appendFixed(block.percentiles[i], digits: 1, to: &line)
        line.append(0x2C)
        if hasPolicy { line += bandCSV[block.bands[i]] }
        line.append(0x2C)
        let names = featureText, oddsRatios = oddsRatios
        appendField(plain: plainFeatureNames, to: &line) { field in
            for r in 0..<block.shownCount {
                let f = Int(block.top[i * block.shownCount + r])
                if r > 0 { field.append(UInt8(ascii: ";")) }
                field += names[f]
                field.append(UInt8(ascii: ":"))
                let value = block.contributions[f * block.capacity + i]
                if oddsRatios {
                    DecimalNumber.appendFixed(exp(value), digits: 4, to: &field)
                } else {
                    DecimalNumber.appendFixed(value, digits: 4, plusSign: true, to: &field)
                }
            }
        }
        line.append(0x2C)
        appendRecommendationsAndImputed(i, of: block, to: &line)
        if let g = block.genetics[i] {
            line.append(0x2C)
            if let prs = g.score { DecimalNumber.appendShortest(prs, to: &line) }
            line.append(0x2C)
            if let p = g.percentile { DecimalNumber.appendFixed(p, digits: 1, to: &line) }
            line.append(0x2C)
            DecimalNumber.appendShortest(g.oddsRatio, to: &line)
            line.append(0x2C)
            DecimalNumber.appendShortest(g.riskWithoutGenetics, to: &line)
            if ancestryColumns { appendAncestryCSV(g, to: &line) }
        }
        JSONText.append(",scored,", to: &line)
        line += provenanceCSV
        appendRecommendationTexts(i, of: block, to: &line)
        appendExtrapolatedCSV(i, of: block, to: &line)
        line.append(0x0A)
    }

    /// The ancestry cells of a scored patient (each preceded by a comma), empty without genotypes:
    /// `mahalanobis_d2,pc_cloud_p,outside_reference` (1 or 0), `genetics_not_assessable_reason`.
    private func appendAncestryCSV(_ g: GeneticRisk, to line: inout [UInt8]) {
        line.append(0x2C)
        if let d = g.ancestry { DecimalNumber.appendShortest(d.mahalanobisDistanceSquared, to: &line) }
        line.append(0x2C)
        if let d = g.ancestry { DecimalNumber.appendShortest(d.pcCloudPValue, to: &line) }
        line.append(0x2C)
        if let d = g.ancestry { line.append(d.outsideReference ? UInt8(ascii: "1") : UInt8(ascii: "0")) }
        line.append(0x2C)
        appendQuoted((g.notAssessableReason ?? "").utf8, to: &line)
    }

    /// The rest of a not-assessable patient's CSV record, after its id: empty risk, percentile, band and factors,
    /// the recommendations decided without the risk, the imputed features, empty genetics, then the reason.
    private mutating func appendNotAssessableCSV(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) {
        JSONText.append(",,,,", to: &line)
        appendRecommendationsAndImputed(i, of: block, to: &line)
        if scorer.model.genetics != nil { JSONText.append(",,,,", to: &line) }
        if ancestryColumns { JSONText.append(",,,,", to: &line) }
        JSONText.append(",not_assessable,", to: &line)
        appendQuoted((block.notAssessableReasons[i]?.description ?? "").utf8, to: &line)
        line += provenanceCSV
        appendRecommendationTexts(i, of: block, to: &line)
        line.append(0x2C)
        line.append(0x0A)
    }

    /// Appends patient `i`'s `,extrapolated` CSV field to `line`: the features beyond the training range, joined
    /// by `;`.
    private mutating func appendExtrapolatedCSV(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) {
        line.append(0x2C)
        field.removeAll(keepingCapacity: true)
        block.forEachExtrapolated(i, scorer: scorer) { f in
            if !field.isEmpty { field.append(UInt8(ascii: ";")) }
            field.append(contentsOf: featureText[f])
        }
        appendQuoted(field, to: &line)
    }

    /// Appends patient `i`'s `recommendations,imputed` CSV fields to `line`.
    private mutating func appendRecommendationsAndImputed(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) {
        let items = ruleCSV, names = featureText
        appendField(plain: plainRuleItems, to: &line) { field in
            for (k, r) in block.firedRules(i).enumerated() {
                if k > 0 { field.append(UInt8(ascii: ";")) }
                field += items[Int(r)]
            }
        }
        line.append(0x2C)
        appendField(plain: plainFeatureNames, to: &line) { field in
            var first = true
            for f in 0..<(block.anyMissing[i] ? block.featureCount : 0) where block.missing[f * block.capacity + i] {
                if !first { field.append(UInt8(ascii: ";")) }
                first = false
                field += names[f]
            }
        }
    }

    /// Appends the CSV field that `write` makes to `line`: straight into it when the field is `plain` (can hold no
    /// comma, quote or line break), else through ``field`` and ``appendQuoted(_:to:)``.
    private mutating func appendField(plain: Bool, to line: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
        if plain { return write(&line) }
        field.removeAll(keepingCapacity: true)
        write(&field)
        appendQuoted(field, to: &line)
    }

    /// Appends patient `i`'s `,recommendation_texts` CSV field to `line`: the texts as they were quoted once (the
    /// field is quoted when any of them needs it), joined by ` | `.
    private func appendRecommendationTexts(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) {
        line.append(0x2C)
        let fired = block.firedRules(i)
        let quoted = fired.contains { ruleTextQuoted[Int($0)] }
        if quoted { line.append(0x22) }
        for (k, r) in fired.enumerated() {
            if k > 0 { line.append(contentsOf: " | ".utf8) }
            line += ruleTextCSV[Int(r)]
        }
        if quoted { line.append(0x22) }
    }

    /// `bytes` as one CSV field (``appendQuoted(_:to:)``).
    private static func quoted(_ bytes: [UInt8]) -> [UInt8] {
        let special = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard special else { return bytes }
        return [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }

    /// Appends `bytes` to `line` as one CSV field, quoted (with doubled quotes) when it holds a comma, quote or
    /// line break.
    private func appendQuoted<Bytes: Collection<UInt8>>(_ bytes: Bytes, to line: inout [UInt8]) {
        let special = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard special else { return line.append(contentsOf: bytes) }
        line.append(0x22)
        for b in bytes {
            if b == 0x22 { line.append(0x22) }
            line.append(b)
        }
        line.append(0x22)
    }

    /// Appends patient `i` of `block` as one line of JSON (then `\n`) to `line`.
    package func appendJSON(_ i: Int, of block: PatientBlock, to line: inout [UInt8]) throws {
        let plan = scorer.whatIfFigures(i, of: block)
        guard isPlain(i, of: block), plan.map(whatIf.isPlain) ?? true else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            line.append(contentsOf: try encoder.encode(block.report(i, scorer: scorer)))
            line.append(0x0A)
            return
        }
        let capacity = block.capacity
        if hasPolicy { line += bandJSON[block.bands[i]] } else { JSONText.append("{\"band\":null,\"band_label\":null", to: &line) }
        JSONText.append(",\"contributions\":[", to: &line)
        for r in 0..<block.shownCount {
            let f = Int(block.top[i * block.shownCount + r])
            JSONText.append(r == 0 ? "{\"feature\":" : ",{\"feature\":", to: &line)
            line += featureJSON[f]
            JSONText.append(",\"value\":", to: &line)
            JSONText.append(number: block.contributions[f * capacity + i], to: &line)
            line.append(UInt8(ascii: "}"))
        }
        JSONText.append("],\"extrapolated\":[", to: &line)
        var firstExtrapolated = true
        block.forEachExtrapolated(i, scorer: scorer) { f in
            if !firstExtrapolated { line.append(UInt8(ascii: ",")) }
            firstExtrapolated = false
            line += featureJSON[f]
        }
        line.append(UInt8(ascii: "]"))
        if let g = block.genetics[i] {
            JSONText.append(",\"genetics\":{", to: &line)
            if let d = g.ancestry {
                JSONText.append("\"ancestry\":{\"mahalanobis_d2\":", to: &line)
                JSONText.append(number: d.mahalanobisDistanceSquared, to: &line)
                JSONText.append(d.outsideReference ? ",\"outside_reference\":true" : ",\"outside_reference\":false", to: &line)
                JSONText.append(",\"pc_cloud_p\":", to: &line)
                JSONText.append(number: d.pcCloudPValue, to: &line)
                JSONText.append("},", to: &line)
            }
            JSONText.append("\"log_odds\":", to: &line)
            JSONText.append(number: g.logOdds, to: &line)
            JSONText.append(",\"odds_ratio\":", to: &line)
            JSONText.append(number: g.oddsRatio, to: &line)
            if let p = g.percentile { JSONText.append(",\"percentile\":", to: &line); JSONText.append(number: p, to: &line) }
            JSONText.append(",\"risk_without_genetics\":", to: &line)
            JSONText.append(number: g.riskWithoutGenetics, to: &line)
            if let s = g.score { JSONText.append(",\"score\":", to: &line); JSONText.append(number: s, to: &line) }
            if let z = g.z { JSONText.append(",\"z\":", to: &line); JSONText.append(number: z, to: &line) }
            line.append(UInt8(ascii: "}"))
        }
        JSONText.append(",\"id\":", to: &line)
        JSONText.append(string: block.ids[i], to: &line)
        JSONText.append(",\"imputed\":[", to: &line)
        var first = true
        for f in 0..<(block.anyMissing[i] ? block.featureCount : 0) where block.missing[f * capacity + i] {
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            line += featureJSON[f]
        }
        JSONText.append("],\"linear_predictor\":", to: &line)
        JSONText.append(number: block.linearPredictors[i], to: &line)
        line += checksumJSON
        JSONText.append(",\"percentile\":", to: &line)
        JSONText.append(number: block.percentiles[i], to: &line)
        if hasPolicy { line += policyVersionJSON } else { JSONText.append(",\"policy_version\":null", to: &line) }
        JSONText.append(",\"recommendations\":[", to: &line)
        for (k, r) in block.firedRules(i).enumerated() {
            JSONText.append(k == 0 ? "{" : ",{", to: &line)
            if let c = block.contribution(ofRule: Int(r), patient: i, scorer: scorer), c.isFinite {
                JSONText.append("\"contribution\":", to: &line)
                JSONText.append(number: c, to: &line)
                line.append(UInt8(ascii: ","))
            }
            if let months = dueMonths[Int(r)], let policy = scorer.policy, let asOf = scorer.asOf,
               let due = Recommendation.due(lastDone: block.lastDoneCell(ofRule: Int(r), patient: i, policy: policy),
                                            intervalMonths: months, asOf: asOf) {
                let parts = ruleJSONParts[Int(r)]
                JSONText.append("\"due_date\":\"", to: &line)
                due.due.append(to: &line)
                JSONText.append("\",", to: &line)
                line += parts.head
                if let last = due.lastDone {
                    JSONText.append(",\"last_done\":\"", to: &line)
                    last.append(to: &line)
                    line.append(UInt8(ascii: "\""))
                }
                line += parts.note
                JSONText.append(due.overdue ? ",\"overdue\":true" : ",\"overdue\":false", to: &line)
                line += parts.tail
            } else {
                line += ruleJSONTail[Int(r)]
            }
        }
        JSONText.append("],\"risk\":", to: &line)
        JSONText.append(number: block.risks[i], to: &line)
        if let plan { whatIf.appendRiskAge(plan, to: &line) }
        line += scoredAtJSON
        JSONText.append(",\"skipped_rules\":[", to: &line)
        for (k, s) in (block.skipped[i] ?? []).enumerated() {
            JSONText.append(k == 0 ? "{\"fields\":[" : ",{\"fields\":[", to: &line)
            for (m, name) in s.fields.enumerated() {
                if m > 0 { line.append(UInt8(ascii: ",")) }
                JSONText.append(string: name, to: &line)
            }
            JSONText.append("],\"reason\":", to: &line)
            JSONText.append(string: s.reason, to: &line)
            JSONText.append(",\"rule\":", to: &line)
            JSONText.append(string: s.rule, to: &line)
            line.append(UInt8(ascii: "}"))
        }
        JSONText.append("],\"status\":\"scored\"", to: &line)
        if let plan { whatIf.appendPlan(plan, to: &line) }
        JSONText.append("}\n", to: &line)
    }

    /// Whether patient `i`'s line can be written directly: every number finite, no control character in a text.
    private func isPlain(_ i: Int, of block: PatientBlock) -> Bool {
        guard plainTexts, !block.notAssessable[i], block.ids[i].map(JSONText.isPlain) ?? true else { return false }
        var finite = block.risks[i].isFinite && block.percentiles[i].isFinite && block.linearPredictors[i].isFinite
        for r in 0..<block.shownCount {
            finite = finite && block.contributions[Int(block.top[i * block.shownCount + r]) * block.capacity + i].isFinite
        }
        if let g = block.genetics[i] {
            // A genetic part not assessed (outside the ancestry reference), rare by nature, goes to JSONEncoder.
            finite = finite && g.notAssessableReason == nil
                && [g.logOdds, g.oddsRatio, g.riskWithoutGenetics, g.percentile ?? 0, g.score ?? 0, g.z ?? 0,
                    g.ancestry?.mahalanobisDistanceSquared ?? 0, g.ancestry?.pcCloudPValue ?? 0].allSatisfy(\.isFinite)
        }
        let skippedPlain = (block.skipped[i] ?? []).allSatisfy { s in
            ([s.rule, s.reason] + s.fields).allSatisfy(JSONText.isPlain)
        }
        return finite && skippedPlain
    }
}

extension PatientBlock {
    /// The positions of the policy rules that fired for patient `i`, in report order.
    package func firedRules(_ i: Int) -> ArraySlice<Int32> {
        guard !fired.isEmpty else { return [] }
        return fired[(i == 0 ? 0 : firedEnds[i - 1])..<firedEnds[i]]
    }
}
