extension RecommendationPolicy {
    /// Calls `body(factor, current, target)` for each modifiable factor off target for one patient, given the
    /// patient's cells (one per policy field, as in a ``PolicyCell`` row), in policy order: per field, the first
    /// factor whose `when` holds decides; a factor whose value is missing or not a number, or whose `when` cannot
    /// be decided, is left out. Allocates nothing (the decided fields are kept in a temporary buffer).
    package func forEachOffTargetFactor(cells: UnsafeBufferPointer<PolicyCell>,
                                        _ body: (_ factor: Int, _ current: Double, _ target: Double) -> Void) {
        guard !modifiable.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: modifiable.count) { held in
            for (k, slot) in modifiableSlots.enumerated() {
                held[k] = false
                // An earlier factor on the same field whose condition held has decided this field.
                if (0..<k).contains(where: { held[$0] && modifiableSlots[$0] == slot }) { continue }
                let truth = compiled.evaluate(condition: rules.count + k, risk: .nan, band: -1, cells: cells, problems: nil)
                guard truth == .yes else { continue }
                held[k] = true
                guard case .number(let current) = cells[slot], let target = modifiable[k].target.target(for: current) else { continue }
                body(k, current, target)
            }
        }
    }
}
