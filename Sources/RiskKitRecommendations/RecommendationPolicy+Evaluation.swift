import RiskKitData

extension RecommendationPolicy {
    /// The band containing `risk`; a risk exactly on a boundary belongs to the higher band.
    ///
    /// `risk` must be a probability in [0, 1] (a NaN or out-of-range risk is a programming error).
    public func band(for risk: Double) -> RiskBand { bands[bandIndex(for: risk)] }

    /// The position in ``bands`` of the band containing `risk` (see ``band(for:)``).
    package func bandIndex(for risk: Double) -> Int {
        precondition(risk >= 0 && risk <= 1, "risk \(risk) is not a probability in [0, 1]")
        return bands.firstIndex { risk < $0.upper } ?? bands.count - 1
    }

    /// Applies the policy to one patient.
    ///
    /// - Parameters:
    ///   - risk: the model's predicted risk for the policy's outcome, in [0, 1].
    ///   - values: the patient's raw field values by field name; a field may be absent or `.missing`.
    ///   - contributions: optional per-feature contributions to this patient's risk (larger = contributes more);
    ///     lifestyle recommendations are ordered by the contribution of their `factor`, largest first, then the
    ///     lifestyle rules without a (finite) contribution in policy order.
    ///   - asOf: the date due dates are judged against; recommendations of rules with a `last_done_field` then
    ///     carry `last_done`, `due_date` and `overdue` (nil: no due dates).
    /// - Returns: recommendations (screening, therapy and counseling in policy order, then lifestyle) and the
    ///   rules skipped because their outcome depends on missing or unusable values; rules overridden by a rule
    ///   that fired are left out of both.
    ///
    /// Every rule is evaluated once; cost is linear in the number of clauses.
    public func recommend(risk: Double, values: [String: FieldValue],
                          contributions: [String: Double] = [:], asOf: CalendarDate? = nil) -> PolicyOutcome {
        recommend(risk: risk, fieldValues: fields.map { values[$0.name] }, asOf: asOf) { rule in
            rules[rule].factor.flatMap { contributions[$0] }
        }
    }

    /// ``recommend(risk:values:contributions:asOf:)`` with the patient's values given by position: `fieldValues[k]`
    /// is the value of `fields[k]` (nil: not in the record), and `factorContribution(r)` is the contribution of
    /// rule `r`'s `factor` (nil when there is none).
    package func recommend(risk: Double, fieldValues: [FieldValue?], asOf: CalendarDate? = nil,
                           factorContribution: (Int) -> Double?) -> PolicyOutcome {
        let (band, recommendations, skipped) = apply(risk: risk, fieldValues: fieldValues, asOf: asOf,
                                                     factorContribution: factorContribution)
        return PolicyOutcome(policyVersion: policyVersion, risk: risk, band: bands[band],
                             recommendations: recommendations, skipped: skipped)
    }

    /// Applies the rules that do not need the risk, for a patient the model cannot assess (outside its
    /// applicable range, or missing a required value): rules decided by the patient's fields alone fire or not as
    /// usual; rules that depend on the risk or its band are skipped with the reason "needs the risk (not
    /// assessable)". Same order, overrides and due dates as ``recommend(risk:values:contributions:asOf:)``.
    public func recommendWithoutRisk(values: [String: FieldValue], asOf: CalendarDate? = nil)
        -> (recommendations: [Recommendation], skipped: [SkippedRule]) {
        recommendWithoutRisk(fieldValues: fields.map { values[$0.name] }, asOf: asOf)
    }

    /// ``recommendWithoutRisk(values:asOf:)`` with the values by position, as in
    /// ``recommend(risk:fieldValues:asOf:factorContribution:)``.
    package func recommendWithoutRisk(fieldValues: [FieldValue?], asOf: CalendarDate? = nil)
        -> (recommendations: [Recommendation], skipped: [SkippedRule]) {
        let (_, recommendations, skipped) = apply(risk: nil, fieldValues: fieldValues, asOf: asOf) { _ in nil }
        return (recommendations, skipped)
    }

    /// The cells of a record's values (by field position) and the reasons of the unusable ones.
    func cells(of fieldValues: [FieldValue?]) -> (cells: [PolicyCell], problems: [Int: PolicyCellProblem]) {
        var cells: [PolicyCell] = []
        var problems: [Int: PolicyCellProblem] = [:]
        for (k, value) in fieldValues.enumerated() {
            let (cell, problem) = cell(field: k, for: value)
            cells.append(cell)
            if let problem { problems[k] = problem }
        }
        return (cells, problems)
    }

    /// Evaluates every rule for one patient (without a risk when `risk` is nil; the band is then −1) and builds
    /// the recommendations, with due dates when `asOf` is set.
    private func apply(risk: Double?, fieldValues: [FieldValue?], asOf: CalendarDate?,
                       factorContribution: (Int) -> Double?) -> (band: Int, [Recommendation], [SkippedRule]) {
        let (cells, problems) = cells(of: fieldValues)
        var fired: [Int32] = [], lifestyle: [Int32] = [], skipped: [SkippedRule] = []
        let band = cells.withUnsafeBufferPointer { cells in
            let problem: (Int) -> PolicyCellProblem? = { problems[$0] }
            guard let risk else {
                evaluateWithoutRisk(cells: cells, problem: problem, fired: &fired, lifestyle: &lifestyle, skipped: &skipped)
                return -1
            }
            return evaluate(risk: risk, cells: cells, problem: problem, factorContribution: factorContribution,
                            fired: &fired, lifestyle: &lifestyle, skipped: &skipped)
        }
        let recommendations = fired.map { r in
            recommendation(rule: Int(r), contribution: factorContribution(Int(r)),
                           lastDone: lastDoneSlots[Int(r)].map { cells[$0] } ?? .absent, asOf: asOf)
        }
        return (band, recommendations, skipped)
    }

    /// The recommendation rule `rule` makes, with the patient's contribution of its factor when finite; with
    /// `asOf`, a rule with a `last_done_field` also gets its due date from `lastDone`, the record's cell of that
    /// field (``lastDoneSlots``; absent or missing: never recorded, due on `asOf`).
    package func recommendation(rule r: Int, contribution: Double?, lastDone: PolicyCell = .absent,
                                asOf: CalendarDate? = nil) -> Recommendation {
        var recommendation = Recommendation(
            rule: rules[r].id, kind: rules[r].kind, text: rules[r].text, intervalMonths: rules[r].intervalMonths,
            source: rules[r].source, note: rules[r].note, factor: rules[r].factor,
            contribution: contribution.flatMap { $0.isFinite ? $0 : nil })
        if !rules[r].overrides.isEmpty { recommendation.overrides = rules[r].overrides }
        if let asOf, lastDoneSlots[r] != nil, let months = rules[r].intervalMonths {
            recommendation.setDue(lastDone: lastDone, intervalMonths: months, asOf: asOf)
        }
        return recommendation
    }

    /// Evaluates every rule for one patient, in policy order, without allocating unless a rule is skipped.
    ///
    /// Appends to `fired` the positions of the rules that fire, in report order (screening, therapy and
    /// counseling in policy order, then lifestyle rules by decreasing finite contribution of their factor, those
    /// without one after them in policy order); appends to `skipped` the rules whose condition is unknown. `cells[k]`
    /// is the patient's value of field k, `problem(k)` why an ``PolicyCell/unusable`` one cannot be used;
    /// `lifestyle` is scratch space. Rules overridden by a rule that fired are left out of `fired` and `skipped`.
    /// Returns the position of the risk's band.
    package func evaluate(risk: Double, cells: UnsafeBufferPointer<PolicyCell>, problem: (Int) -> PolicyCellProblem?,
                          factorContribution: (Int) -> Double?, fired: inout [Int32], lifestyle: inout [Int32],
                          skipped: inout [SkippedRule]) -> Int {
        let band = bandIndex(for: risk)
        evaluateRules(risk: risk, band: band, cells: cells, problem: problem, factorContribution: factorContribution,
                      fired: &fired, lifestyle: &lifestyle, skipped: &skipped)
        return band
    }

    /// ``evaluate(risk:cells:problem:factorContribution:fired:lifestyle:skipped:)`` for a patient the model cannot
    /// assess: rules that need the risk or its band are skipped ("needs the risk: not assessable"); lifestyle
    /// rules keep policy order.
    package func evaluateWithoutRisk(cells: UnsafeBufferPointer<PolicyCell>, problem: (Int) -> PolicyCellProblem?,
                                     fired: inout [Int32], lifestyle: inout [Int32], skipped: inout [SkippedRule]) {
        evaluateRules(risk: .nan, band: -1, cells: cells, problem: problem, factorContribution: { _ in nil },
                      fired: &fired, lifestyle: &lifestyle, skipped: &skipped)
    }

    private func evaluateRules(risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                               problem: (Int) -> PolicyCellProblem?, factorContribution: (Int) -> Double?,
                               fired: inout [Int32], lifestyle: inout [Int32], skipped: inout [SkippedRule]) {
        let firstFired = fired.count, firstSkipped = skipped.count
        lifestyle.removeAll(keepingCapacity: true)
        withUnsafeTemporaryAllocation(of: PolicyTruth.self, capacity: rules.count) { truths in
            compiled.evaluateAll(risk: risk, band: band, cells: cells, into: truths)
            for r in rules.indices {
                switch truths[r] {
                case .no:
                    continue
                case .yes:
                    if rules[r].kind == .lifestyle { lifestyle.append(Int32(r)) } else { fired.append(Int32(r)) }
                case .unknown:
                    skipped.append(skippedRule(r, risk: risk, band: band, cells: cells, problem: problem))
                }
            }
        }
        // Stable insertion sort by contribution, largest first; rules without a finite one keep policy order last.
        func key(_ r: Int32) -> Double? { factorContribution(Int(r)).flatMap { $0.isFinite ? $0 : nil } }
        let start = fired.count
        for r in lifestyle {
            let c = key(r)
            var position = fired.count
            if let c {
                while position > start, key(fired[position - 1]).map({ $0 < c }) ?? true { position -= 1 }
            }
            fired.insert(r, at: position)
        }
        if hasOverrides { dropOverridden(fired: &fired, from: firstFired, skipped: &skipped, from: firstSkipped) }
    }

    /// Removes from `fired[firstFired...]` and `skipped[firstSkipped...]` the rules that a fired rule overrides.
    private func dropOverridden(fired: inout [Int32], from firstFired: Int, skipped: inout [SkippedRule],
                                from firstSkipped: Int) {
        var overridden = Set<Int32>()
        for r in fired[firstFired...] { overridden.formUnion(overriddenRules[Int(r)]) }
        guard !overridden.isEmpty else { return }
        let keptFired = fired[firstFired...].filter { !overridden.contains($0) }
        fired.replaceSubrange(firstFired..., with: keptFired)
        let ids = Set(overridden.map { rules[Int($0)].id })
        let keptSkipped = skipped[firstSkipped...].filter { !ids.contains($0.rule) }
        skipped.replaceSubrange(firstSkipped..., with: keptSkipped)
    }

    /// The skipped-rule entry for rule `r`, whose condition is unknown for this patient: the fields at fault,
    /// each once, in the order evaluation met them.
    private func skippedRule(_ r: Int, risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                             problem: (Int) -> PolicyCellProblem?) -> SkippedRule {
        var found: [(slot: Int, cell: PolicyCell)] = []
        _ = compiled.evaluate(condition: r, risk: risk, band: band, cells: cells, problems: &found)
        var seen = Set<Int>()
        let distinct = found.filter { seen.insert($0.slot).inserted }
        let reason = "needs " + distinct.map { slot, cell in
            if slot == CompiledConditions.riskSlot { return "the risk: not assessable" }
            let why: String
            switch cell {
            case .absent: why = "not in the record"
            case .missing: why = "missing"
            default: why = problem(slot)?.reason ?? "unusable"
            }
            return "`\(fields[slot].name)` (\(why))"
        }.joined(separator: ", ")
        return SkippedRule(rule: rules[r].id, fields: distinct.filter { $0.slot != CompiledConditions.riskSlot }
                               .map { fields[$0.slot].name }, reason: reason)
    }

    /// The modifiable factors that are off target for one patient, each with its current and target value, in
    /// policy order (one per field: the first entry whose `when` holds). Factors whose value is missing or not a
    /// number, or whose `when` cannot be decided, are left out.
    public func offTargetFactors(values: [String: FieldValue]) -> [OffTargetFactor] {
        offTargetFactors(fieldValues: fields.map { values[$0.name] })
    }

    /// ``offTargetFactors(values:)`` with the values by position, as in
    /// ``recommend(risk:fieldValues:asOf:factorContribution:)``.
    package func offTargetFactors(fieldValues: [FieldValue?]) -> [OffTargetFactor] {
        guard !modifiable.isEmpty else { return [] }
        var result: [OffTargetFactor] = []
        cells(of: fieldValues).cells.withUnsafeBufferPointer { cells in
            forEachOffTargetFactor(cells: cells) { k, current, target in
                result.append(OffTargetFactor(factor: k, field: modifiable[k].field, label: modifiable[k].label,
                                              current: current, target: target, source: modifiable[k].source))
            }
        }
        return result
    }

    /// The category labels that conditions on field `name` compare with, in order of first appearance.
    static func labels(of name: String, in conditions: [PolicyCondition]) -> [String] {
        var labels: [String] = []
        func visit(_ condition: PolicyCondition) {
            switch condition {
            case .all(let parts), .any(let parts): parts.forEach(visit)
            case .field(let field, let comparisons) where field == name:
                for comparison in comparisons {
                    let values: [PolicyValue]
                    switch comparison {
                    case .equals(let v): values = [v]
                    case .oneOf(let vs): values = vs
                    default: values = []
                    }
                    for case .text(let s) in values where !labels.contains(s) { labels.append(s) }
                }
            default: break
            }
        }
        conditions.forEach(visit)
        return labels
    }
}
