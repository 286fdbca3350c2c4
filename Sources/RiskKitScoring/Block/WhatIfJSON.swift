import RiskKitRecommendations

/// The what-if keys of a JSON line (``WhatIfPlan``), written directly by ``PatientLineWriter`` from a patient's
/// ``WhatIfFigures``, byte for byte as `JSONEncoder` writes them for ``PatientReport``; every text is turned into
/// bytes once.
struct WhatIfJSON: Sendable {
    /// Per modifiable factor: `,"factor":…,"label":…,"risk":`, then `,"source":…,"target":`, then `,"unit":…}` (or
    /// `}` without a unit).
    private let factorAndLabel: [[UInt8]]
    private let source: [[UInt8]]
    private let unitAndEnd: [[UInt8]]
    /// Each field a plan may name as imputed, as a JSON string.
    private let imputable: [[UInt8]]
    /// Per ``RiskAgeProblem``: `,"risk_age":null,"risk_age_reason":"…"`.
    private let riskAgeProblems: [[UInt8]]
    /// `],"what_if_note":"…"` after the imputed factors.
    private let note: [UInt8]
    /// Every text written, for ``JSONText/isPlain(_:)``.
    let texts: [String]

    /// The writer of `scorer`'s what-if plans.
    init(scorer: PatientScorer) {
        let modifiable = scorer.policy?.modifiable ?? []
        let layout = scorer.whatIfLayout
        factorAndLabel = modifiable.map {
            JSONText.raw(",\"factor\":") + JSONText.string($0.field) + JSONText.raw(",\"label\":") + JSONText.string($0.label)
                + JSONText.raw(",\"risk\":")
        }
        source = modifiable.map { JSONText.raw(",\"source\":") + JSONText.string($0.source) + JSONText.raw(",\"target\":") }
        unitAndEnd = layout.units.map { unit in
            unit.map { JSONText.raw(",\"unit\":") + JSONText.string($0) + JSONText.raw("}") } ?? JSONText.raw("}")
        }
        imputable = layout.imputableFields.map { JSONText.string($0.name) }
        riskAgeProblems = layout.riskAgeReasons.map {
            JSONText.raw(",\"risk_age\":null,\"risk_age_reason\":") + JSONText.string($0)
        }
        note = JSONText.raw("],\"what_if_note\":") + JSONText.string(WhatIfPlan.note)
        texts = modifiable.flatMap { [$0.field, $0.label, $0.source] } + layout.units.compactMap { $0 }
            + layout.imputableFields.map(\.name) + layout.riskAgeReasons
    }

    /// Whether every number of `figures` is finite.
    func isPlain(_ figures: WhatIfFigures) -> Bool {
        var finite = (figures.riskAge?.isFinite ?? true) && (figures.combinedRisk?.isFinite ?? true)
        for step in figures.steps { finite = finite && step.current.isFinite && step.target.isFinite && step.risk.isFinite }
        return finite
    }

    /// Appends `,"risk_age":…` (or, without an age, `,"risk_age":null,"risk_age_reason":…`): the keys sorted
    /// between `risk` and `skipped_rules`.
    func appendRiskAge(_ figures: WhatIfFigures, to line: inout [UInt8]) {
        if let problem = figures.riskAgeProblem { return line += riskAgeProblems[problem.rawValue] }
        JSONText.append(",\"risk_age\":", to: &line)
        JSONText.append(number: figures.riskAge ?? .nan, to: &line)
    }

    /// Appends `,"what_if":[…],"what_if_combined":…,"what_if_imputed":[…],"what_if_note":"…"`: the last keys.
    func appendPlan(_ figures: WhatIfFigures, to line: inout [UInt8]) {
        JSONText.append(",\"what_if\":[", to: &line)
        for (n, step) in figures.steps.enumerated() {
            JSONText.append(n == 0 ? "{\"absolute_reduction\":" : ",{\"absolute_reduction\":", to: &line)
            JSONText.append(number: figures.risk - step.risk, to: &line)
            JSONText.append(",\"current\":", to: &line)
            JSONText.append(number: step.current, to: &line)
            line += factorAndLabel[step.factor]
            JSONText.append(number: step.risk, to: &line)
            line += source[step.factor]
            JSONText.append(number: step.target, to: &line)
            line += unitAndEnd[step.factor]
        }
        if let combined = figures.combinedRisk {
            JSONText.append("],\"what_if_combined\":{\"absolute_reduction\":", to: &line)
            JSONText.append(number: figures.risk - combined, to: &line)
            JSONText.append(",\"risk\":", to: &line)
            JSONText.append(number: combined, to: &line)
            JSONText.append("},\"what_if_imputed\":[", to: &line)
        } else {
            JSONText.append("],\"what_if_combined\":null,\"what_if_imputed\":[", to: &line)
        }
        for (n, field) in figures.imputed.enumerated() {
            if n > 0 { line.append(UInt8(ascii: ",")) }
            line += imputable[field]
        }
        line += note
    }
}
