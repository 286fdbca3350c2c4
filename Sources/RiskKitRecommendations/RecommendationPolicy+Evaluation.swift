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
    /// - Returns: recommendations (screening, therapy and counseling in policy order, then lifestyle) and the
    ///   rules skipped because their outcome depends on missing or unusable values.
    ///
    /// Every rule is evaluated once; cost is linear in the number of clauses.
    public func recommend(risk: Double, values: [String: FieldValue],
                          contributions: [String: Double] = [:]) -> PolicyOutcome {
        recommend(risk: risk, fieldValues: fields.map { values[$0.name] }) { rule in
            rules[rule].factor.flatMap { contributions[$0] }
        }
    }

    /// ``recommend(risk:values:contributions:)`` with the patient's values given by position: `fieldValues[k]` is
    /// the value of `fields[k]` (nil: not in the record), and `factorContribution(r)` is the contribution of rule
    /// `r`'s `factor` (nil when there is none).
    package func recommend(risk: Double, fieldValues: [FieldValue?],
                           factorContribution: (Int) -> Double?) -> PolicyOutcome {
        var cells: [PolicyCell] = []
        var problems: [Int: PolicyCellProblem] = [:]
        for (k, value) in fieldValues.enumerated() {
            let (cell, problem) = cell(field: k, for: value)
            cells.append(cell)
            if let problem { problems[k] = problem }
        }
        var fired: [Int32] = [], lifestyle: [Int32] = [], skipped: [SkippedRule] = []
        let band = cells.withUnsafeBufferPointer { cells in
            evaluate(risk: risk, cells: cells, problem: { problems[$0] }, factorContribution: factorContribution,
                     fired: &fired, lifestyle: &lifestyle, skipped: &skipped)
        }
        return PolicyOutcome(
            policyVersion: policyVersion, risk: risk, band: bands[band],
            recommendations: fired.map { recommendation(rule: Int($0), contribution: factorContribution(Int($0))) },
            skipped: skipped)
    }

    /// The recommendation rule `rule` makes, with the patient's contribution of its factor when finite.
    package func recommendation(rule r: Int, contribution: Double?) -> Recommendation {
        Recommendation(rule: rules[r].id, kind: rules[r].kind, text: rules[r].text, intervalMonths: rules[r].intervalMonths,
                       source: rules[r].source, note: rules[r].note, factor: rules[r].factor,
                       contribution: contribution.flatMap { $0.isFinite ? $0 : nil })
    }

    /// Evaluates every rule for one patient, in policy order, without allocating unless a rule is skipped.
    ///
    /// Appends to `fired` the positions of the rules that fire, in report order (screening, therapy and
    /// counseling in policy order, then lifestyle rules by decreasing finite contribution of their factor, those
    /// without one after them in policy order); appends to `skipped` the rules whose condition is unknown. `cells[k]`
    /// is the patient's value of field k, `problem(k)` why an ``PolicyCell/unusable`` one cannot be used;
    /// `lifestyle` is scratch space. Returns the position of the risk's band.
    package func evaluate(risk: Double, cells: UnsafeBufferPointer<PolicyCell>, problem: (Int) -> PolicyCellProblem?,
                          factorContribution: (Int) -> Double?, fired: inout [Int32], lifestyle: inout [Int32],
                          skipped: inout [SkippedRule]) -> Int {
        let band = bandIndex(for: risk)
        lifestyle.removeAll(keepingCapacity: true)
        for r in rules.indices {
            switch compiled.evaluate(rule: r, risk: risk, band: band, cells: cells, problems: nil) {
            case .no:
                continue
            case .yes:
                if rules[r].kind == .lifestyle { lifestyle.append(Int32(r)) } else { fired.append(Int32(r)) }
            case .unknown:
                skipped.append(skippedRule(r, risk: risk, band: band, cells: cells, problem: problem))
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
        return band
    }

    /// The skipped-rule entry for rule `r`, whose condition is unknown for this patient: the fields at fault,
    /// each once, in the order evaluation met them.
    private func skippedRule(_ r: Int, risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                             problem: (Int) -> PolicyCellProblem?) -> SkippedRule {
        var found: [(slot: Int, cell: PolicyCell)] = []
        _ = compiled.evaluate(rule: r, risk: risk, band: band, cells: cells, problems: &found)
        var seen = Set<Int>()
        let distinct = found.filter { seen.insert($0.slot).inserted }
        let reason = "needs " + distinct.map { slot, cell in
            let why: String
            switch cell {
            case .absent: why = "not in the record"
            case .missing: why = "missing"
            default: why = problem(slot)?.reason ?? "unusable"
            }
            return "`\(fields[slot].name)` (\(why))"
        }.joined(separator: ", ")
        return SkippedRule(rule: rules[r].id, fields: distinct.map { fields[$0.slot].name }, reason: reason)
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
