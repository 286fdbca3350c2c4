import RiskKitRecommendations
import RiskKitModels
import RiskKitData

extension PatientScorer {
    /// Patient `i`'s what-if plan (nil when the policy declares no modifiable factors).
    ///
    /// Algorithm: for each factor off target (``RecommendationPolicy/forEachOffTargetFactor(cells:_:)``) whose
    /// field is a model feature with a known value, the linear predictor at target is `η + Δ`, where `Δ` is
    /// ``linearPredictorShift(feature:from:to:)`` (the feature's encoded columns at target minus now, times their
    /// coefficients: every other value, imputed ones included, stays as scored), and the risk `1/(1+e^{−(η+Δ)})`;
    /// all factors together add their `Δ`s (one factor per field, so per feature). The risk age is closed-form:
    /// age is a numeric feature, encoded as its value, so η is linear in it with slope `Δ` per year `s`, and the
    /// age at which the patient with every factor at target has their current η is `age − ΣΔ/s`; it is given
    /// only inside the model's age range (``Feature/applicableRange``).
    package func whatIfPlan(_ i: Int, of block: PatientBlock) -> WhatIfPlan? {
        guard let policy, !policy.modifiable.isEmpty else { return nil }
        let capacity = block.capacity, fieldCount = block.fieldCount
        let eta = block.linearPredictors[i], risk = block.risks[i]
        var steps: [WhatIfStep] = []
        var combinedShift = 0.0
        block.cells.withUnsafeBufferPointer { cells in
            let row = UnsafeBufferPointer(rebasing: cells[(i * fieldCount)..<((i + 1) * fieldCount)])
            policy.forEachOffTargetFactor(cells: row) { k, current, target in
                guard let f = whatIfLayout.factorFeatures[k], !block.missing[f * capacity + i],
                      let shift = linearPredictorShift(feature: f, from: current, to: target) else { return }
                combinedShift += shift
                let changed = RiskModel.probability(linearPredictor: eta + shift)
                let factor = policy.modifiable[k]
                steps.append(WhatIfStep(factor: factor.field, label: factor.label, source: factor.source,
                                        unit: whatIfLayout.units[k], current: current, target: target, risk: changed,
                                        absoluteReduction: risk - changed, policyIndex: k))
            }
        }
        steps.sort { a, b in
            a.absoluteReduction > b.absoluteReduction || (a.absoluteReduction == b.absoluteReduction && a.policyIndex < b.policyIndex)
        }
        var imputed: [String] = []
        for (k, feature) in whatIfLayout.factorFeatures.enumerated() {
            guard let f = feature, block.missing[f * capacity + i] else { continue }
            let field = policy.modifiable[k].field
            if !imputed.contains(field) { imputed.append(field) }
        }
        let combined = steps.isEmpty ? nil : RiskModel.probability(linearPredictor: eta + combinedShift)
        return WhatIfPlan(steps: steps, combined: combined.map { WhatIfOutcome(risk: $0, absoluteReduction: risk - $0) },
                          imputed: imputed, riskAge: riskAge(i, of: block, shift: combinedShift))
    }

    /// The change of the linear predictor when feature `f`'s value goes from `current` to `target`:
    /// `Σ_j β_j·(x_j(target) − x_j(current))` over the feature's encoded columns, both rows written by its
    /// ``FeatureCodec`` (the one encoder). `nil` when the codec does not take a value as it is (a binary feature
    /// set to anything but 0 or 1).
    func linearPredictorShift(feature f: Int, from current: Double, to target: Double) -> Double? {
        let codec = codecs[f]
        guard codec.kind != .categorical, codec.accepts(current), codec.accepts(target) else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * codec.width) { rows in
            let now = rows.baseAddress!, then = now + codec.width
            codec.encode(number: current, into: now, at: 0)
            codec.encode(number: target, into: then, at: 0)
            var shift = 0.0
            for j in 0..<codec.width {
                shift += model.coefficients[columnOffsets[f] + j + 1].estimate * (then[j] - now[j])
            }
            return shift
        }
    }

    /// Patient `i`'s risk age when the plan shifts the linear predictor by `shift` (see ``whatIfPlan(_:of:)``).
    private func riskAge(_ i: Int, of block: PatientBlock, shift: Double) -> RiskAge {
        guard let a = whatIfLayout.ageFeature else { return RiskAge(age: nil, reason: "the model has no age feature", actual: nil) }
        guard !block.missing[a * block.capacity + i] else {
            return RiskAge(age: nil, reason: "age was not given (imputed)", actual: nil)
        }
        let age = block.design[columnOffsets[a] * block.capacity + i]
        func unavailable(_ reason: String) -> RiskAge { RiskAge(age: nil, reason: reason, actual: age) }
        guard let perYear = linearPredictorShift(feature: a, from: age, to: age + 1), perYear != 0 else {
            return unavailable("the model's risk does not change with age")
        }
        let riskAge = age - shift / perYear
        guard let range = model.schema.features[a].applicableRange else { return unavailable("the model records no age range") }
        if let lower = range.lower, riskAge < lower { return unavailable("younger than \(FieldValue.number(lower))") }
        if let upper = range.upper, riskAge > upper { return unavailable("older than \(FieldValue.number(upper))") }
        return RiskAge(age: riskAge, reason: nil, actual: age)
    }
}
