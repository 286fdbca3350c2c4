import RiskKitRecommendations

/// The what-if keys of a JSON line (``WhatIfPlan``), written directly by ``PatientLineWriter`` byte for byte as
/// `JSONEncoder` writes them for ``PatientReport``; each factor's texts are turned into bytes once.
struct WhatIfJSON: Sendable {
    /// Per modifiable factor: `,"factor":…,"label":…,"risk":`, then `,"source":…,"target":`, then `,"unit":…}` (or
    /// `}` without a unit).
    private let factorAndLabel: [[UInt8]]
    private let source: [[UInt8]]
    private let unitAndEnd: [[UInt8]]
    /// `],"what_if_note":"…"` after the imputed factors.
    private let note: [UInt8]
    /// Every text written, for ``JSONText/isPlain(_:)``.
    let texts: [String]

    /// The writer of `scorer`'s what-if plans.
    init(scorer: PatientScorer) {
        let modifiable = scorer.policy?.modifiable ?? []
        factorAndLabel = modifiable.map {
            JSONText.raw(",\"factor\":") + JSONText.string($0.field) + JSONText.raw(",\"label\":") + JSONText.string($0.label)
                + JSONText.raw(",\"risk\":")
        }
        source = modifiable.map { JSONText.raw(",\"source\":") + JSONText.string($0.source) + JSONText.raw(",\"target\":") }
        unitAndEnd = scorer.whatIfLayout.units.map { unit in
            unit.map { JSONText.raw(",\"unit\":") + JSONText.string($0) + JSONText.raw("}") } ?? JSONText.raw("}")
        }
        note = JSONText.raw("],\"what_if_note\":") + JSONText.string(WhatIfPlan.note)
        texts = modifiable.flatMap { [$0.field, $0.label, $0.source] } + scorer.whatIfLayout.units.compactMap { $0 }
    }

    /// Whether every number of `plan` is finite and its risk age's reason holds no control character.
    func isPlain(_ plan: WhatIfPlan) -> Bool {
        var finite = plan.riskAge.age?.isFinite ?? true
        for step in plan.steps {
            finite = finite && step.current.isFinite && step.target.isFinite && step.risk.isFinite && step.absoluteReduction.isFinite
        }
        if let c = plan.combined { finite = finite && c.risk.isFinite && c.absoluteReduction.isFinite }
        return finite && (plan.riskAge.reason.map(JSONText.isPlain) ?? true) && plan.imputed.allSatisfy(JSONText.isPlain)
    }

    /// Appends `,"risk_age":…` (and `,"risk_age_reason":…` when there is no age): the keys sorted between `risk`
    /// and `skipped_rules`.
    func appendRiskAge(_ plan: WhatIfPlan, to line: inout [UInt8]) {
        JSONText.append(",\"risk_age\":", to: &line)
        if let age = plan.riskAge.age { JSONText.append(number: age, to: &line) } else { JSONText.append("null", to: &line) }
        if let reason = plan.riskAge.reason {
            JSONText.append(",\"risk_age_reason\":", to: &line)
            JSONText.append(string: reason, to: &line)
        }
    }

    /// Appends `,"what_if":[…],"what_if_combined":…,"what_if_imputed":[…],"what_if_note":"…"`: the last keys.
    func appendPlan(_ plan: WhatIfPlan, to line: inout [UInt8]) {
        JSONText.append(",\"what_if\":[", to: &line)
        for (n, step) in plan.steps.enumerated() {
            JSONText.append(n == 0 ? "{\"absolute_reduction\":" : ",{\"absolute_reduction\":", to: &line)
            JSONText.append(number: step.absoluteReduction, to: &line)
            JSONText.append(",\"current\":", to: &line)
            JSONText.append(number: step.current, to: &line)
            line += factorAndLabel[step.policyIndex]
            JSONText.append(number: step.risk, to: &line)
            line += source[step.policyIndex]
            JSONText.append(number: step.target, to: &line)
            line += unitAndEnd[step.policyIndex]
        }
        if let combined = plan.combined {
            JSONText.append("],\"what_if_combined\":{\"absolute_reduction\":", to: &line)
            JSONText.append(number: combined.absoluteReduction, to: &line)
            JSONText.append(",\"risk\":", to: &line)
            JSONText.append(number: combined.risk, to: &line)
            JSONText.append("},\"what_if_imputed\":[", to: &line)
        } else {
            JSONText.append("],\"what_if_combined\":null,\"what_if_imputed\":[", to: &line)
        }
        for (n, field) in plan.imputed.enumerated() {
            if n > 0 { line.append(UInt8(ascii: ",")) }
            JSONText.append(string: field, to: &line)
        }
        line += note
    }
}
