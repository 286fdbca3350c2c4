import RiskKitRecommendations
import RiskKitModels
import RiskKitData

extension PatientScorer {
    /// Patient `i`'s what-if plan (nil when the policy declares no modifiable factors): ``whatIfFigures(_:of:)``
    /// with the policy's texts.
    package func whatIfPlan(_ i: Int, of block: PatientBlock) -> WhatIfPlan? {
        guard let figures = whatIfFigures(i, of: block), let modifiable = policy?.modifiable else { return nil }
        let steps = figures.steps.map { step in
            WhatIfStep(factor: modifiable[step.factor].field, label: modifiable[step.factor].label,
                       source: modifiable[step.factor].source, unit: whatIfLayout.units[step.factor],
                       current: step.current, target: step.target, risk: step.risk,
                       absoluteReduction: figures.risk - step.risk, policyIndex: step.factor)
        }
        return WhatIfPlan(
            steps: steps,
            combined: figures.combinedRisk.map { WhatIfOutcome(risk: $0, absoluteReduction: figures.risk - $0) },
            imputed: figures.imputed.map { whatIfLayout.imputableFields[$0].name },
            riskAge: RiskAge(age: figures.riskAge, reason: figures.riskAgeProblem.map { whatIfLayout.riskAgeReasons[$0.rawValue] },
                             actual: figures.actualAge))
    }

    /// Patient `i`'s what-if plan as numbers (nil when the policy declares no modifiable factors, or the patient
    /// has no risk).
    ///
    /// Algorithm: for each factor off target (``RecommendationPolicy/forEachOffTargetFactor(cells:_:)``) whose
    /// field is a model feature with a known value, the linear predictor at target is `η + Δ`, where `Δ` is
    /// ``linearPredictorShift(feature:from:to:)`` (the feature's encoded columns at target minus now, times their
    /// coefficients: every other value, imputed ones included, stays as scored), and the risk `1/(1+e^{−(η+Δ)})`;
    /// all factors together add their `Δ`s (one factor per field, so per feature). The risk age is closed-form:
    /// age is a numeric feature, encoded as its value, so η is linear in it with slope `s` per year, and the age
    /// at which the patient with every factor at target has their current η is `age − ΣΔ/s`; it is given only
    /// inside the model's age range (``Feature/applicableRange``).
    package func whatIfFigures(_ i: Int, of block: PatientBlock) -> WhatIfFigures? {
        guard !whatIfLayout.factorFeatures.isEmpty, block.risks[i].isFinite else { return nil }
        let capacity = block.capacity, fieldCount = block.fieldCount
        let eta = block.linearPredictors[i]
        var figures = WhatIfFigures(risk: block.risks[i], steps: [], imputed: [])
        var combinedShift = 0.0
        block.cells.withUnsafeBufferPointer { cells in
            let row = UnsafeBufferPointer(rebasing: cells[(i * fieldCount)..<((i + 1) * fieldCount)])
            // Through the optional, so the policy is borrowed, not copied.
            policy?.forEachOffTargetFactor(cells: row) { k, current, target in
                guard let f = whatIfLayout.factorFeatures[k], !block.missing[f * capacity + i],
                      let shift = linearPredictorShift(feature: f, from: current, to: target) else { return }
                combinedShift += shift
                figures.steps.append(WhatIfFigures.Step(factor: k, current: current, target: target,
                                                        risk: RiskModel.probability(linearPredictor: eta + shift)))
            }
        }
        // Largest reduction (lowest risk) first; policy order among equal ones.
        figures.steps.sort { a, b in a.risk < b.risk || (a.risk == b.risk && a.factor < b.factor) }
        if !figures.steps.isEmpty { figures.combinedRisk = RiskModel.probability(linearPredictor: eta + combinedShift) }
        if block.anyMissing[i] {
            for (n, field) in whatIfLayout.imputableFields.enumerated() where block.missing[field.feature * capacity + i] {
                figures.imputed.append(n)
            }
        }
        setRiskAge(&figures, patient: i, of: block, shift: combinedShift)
        return figures
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

    /// Sets patient `i`'s risk age in `figures` when the plan shifts the linear predictor by `shift` (see
    /// ``whatIfFigures(_:of:)``).
    private func setRiskAge(_ figures: inout WhatIfFigures, patient i: Int, of block: PatientBlock, shift: Double) {
        guard let a = whatIfLayout.ageFeature else { return figures.riskAgeProblem = .noAgeFeature }
        guard !block.missing[a * block.capacity + i] else { return figures.riskAgeProblem = .ageImputed }
        let age = block.design[columnOffsets[a] * block.capacity + i]
        figures.actualAge = age
        guard let perYear = linearPredictorShift(feature: a, from: age, to: age + 1), perYear != 0 else {
            return figures.riskAgeProblem = .flat
        }
        let riskAge = age - shift / perYear
        guard let range = whatIfLayout.ageRange else { return figures.riskAgeProblem = .noAgeRange }
        if let lower = range.lower, riskAge < lower { return figures.riskAgeProblem = .belowRange }
        if let upper = range.upper, riskAge > upper { return figures.riskAgeProblem = .aboveRange }
        figures.riskAge = riskAge
    }
}
