
extension BinaryMetrics {
    /// The AUC and its DeLong, DeLong & Clarke-Pearson (1988) variance, equal to `pROC::var(roc, method = "delong")`.
    ///
    /// Placement values come from one sort per outcome class and a merge with midrank tie handling (Sun & Xu
    /// 2014): O(n log n) time, O(n) memory. The variance is `S₁₀/m + S₀₁/n`, where S₁₀ and S₀₁ are the sample
    /// variances (about the AUC, denominators m − 1 and n − 1) of the m events' and n non-events' placements.
    /// Throws `DataError` for invalid input or fewer than two events or two non-events.
    public static func deLong(outcome: [Double], predicted: [Double]) throws -> DeLongEstimate {
        let data = try BinaryPredictions(outcome: outcome, predicted: predicted)
        try data.requireTwoOfEachOutcome()
        return deLong(RankedClasses(data))
    }

    static func deLong(_ ranked: RankedClasses) -> DeLongEstimate {
        let theta = ranked.auc
        let (cases, controls) = ranked.placements()
        let s10 = sumOfSquares(cases, about: theta) / Double(cases.count - 1)
        let s01 = sumOfSquares(controls, about: theta) / Double(controls.count - 1)
        return DeLongEstimate(auc: theta, variance: s10 / Double(cases.count) + s01 / Double(controls.count))
    }

    /// DeLong's test of two correlated AUCs measured on the same rows, equal to
    /// `pROC::roc.test(roc1, roc2, method = "delong")` (paired).
    ///
    /// `difference` is AUC(A) − AUC(B); `se` is √(Lᵀ S L) with L = (1, −1) and S the 2×2 DeLong covariance
    /// `S₁₀/m + S₀₁/n` of the two AUCs; `z = difference/se`; `pValue` is two-sided from the standard normal.
    /// When both the difference and `se` are 0 (identical rankings), z is 0 and the p-value 1, as in pROC.
    /// O(n log n): each predictor's classes are sorted by index once. Throws `DataError` for invalid input or
    /// fewer than two events or two non-events.
    public static func deLongDifference(
        outcome: [Double], predictedA: [Double], predictedB: [Double]
    ) throws -> (difference: Double, se: Double, z: Double, pValue: Double) {
        let a = try BinaryPredictions(outcome: outcome, predicted: predictedA, name: "predictedA")
        let b = try BinaryPredictions(outcome: outcome, predicted: predictedB, name: "predictedB")
        try a.requireTwoOfEachOutcome()
        let placementsA = rowPlacements(a)
        let placementsB = rowPlacements(b)
        let m = Double(a.events)
        let n = Double(a.nonEvents)
        let caseCovariance = covariance(placementsA.cases, placementsA.auc, placementsB.cases, placementsB.auc)
        let controlCovariance = covariance(placementsA.controls, placementsA.auc, placementsB.controls, placementsB.auc)
        // Lᵀ S L for L = (1, −1): var(A) + var(B) − 2 cov(A, B), each term S₁₀/m + S₀₁/n.
        let varianceOfDifference = (caseCovariance.aa + caseCovariance.bb - 2 * caseCovariance.ab) / (m - 1) / m
            + (controlCovariance.aa + controlCovariance.bb - 2 * controlCovariance.ab) / (n - 1) / n
        let difference = placementsA.auc - placementsB.auc
        let se = max(varianceOfDifference, 0).squareRoot()
        let z = difference == 0 && se == 0 ? 0 : difference / se
        return (difference, se, z, Normal.twoSidedP(z))
    }

    /// Σ (vᵢ − center)².
    private static func sumOfSquares(_ values: [Double], about center: Double) -> Double {
        var sum = 0.0
        for v in values { sum += (v - center) * (v - center) }
        return sum
    }

    /// Cross-products Σ(aᵢ − ā)², Σ(aᵢ − ā)(bᵢ − b̄), Σ(bᵢ − b̄)² of two row-aligned placement lists.
    private static func covariance(
        _ a: [Double], _ aCenter: Double, _ b: [Double], _ bCenter: Double
    ) -> (aa: Double, ab: Double, bb: Double) {
        var aa = 0.0, ab = 0.0, bb = 0.0
        for (x, y) in zip(a, b) {
            let dx = x - aCenter
            let dy = y - bCenter
            aa += dx * dx
            ab += dx * dy
            bb += dy * dy
        }
        return (aa, ab, bb)
    }

    /// Placement values in row order (events in the order they occur, then non-events likewise) and the AUC,
    /// so that two predictors' placements line up patient by patient.
    private static func rowPlacements(_ data: BinaryPredictions) -> (cases: [Double], controls: [Double], auc: Double) {
        var caseValues = [Double]()
        var controlValues = [Double]()
        caseValues.reserveCapacity(data.events)
        controlValues.reserveCapacity(data.nonEvents)
        for (y, p) in zip(data.outcome, data.predicted) {
            if y == 1 { caseValues.append(p) } else { controlValues.append(p) }
        }
        let caseOrder = ascendingOrder(caseValues)
        let controlOrder = ascendingOrder(controlValues)
        let ranked = RankedClasses(
            sortedCases: caseOrder.map { caseValues[$0] }, sortedControls: controlOrder.map { controlValues[$0] })
        let (sortedCasePlacements, sortedControlPlacements) = ranked.placements()
        var cases = [Double](repeating: 0, count: caseValues.count)
        var controls = [Double](repeating: 0, count: controlValues.count)
        for (k, row) in caseOrder.enumerated() { cases[row] = sortedCasePlacements[k] }
        for (k, row) in controlOrder.enumerated() { controls[row] = sortedControlPlacements[k] }
        return (cases, controls, ranked.auc)
    }

    /// The permutation that sorts `values` ascending.
    private static func ascendingOrder(_ values: [Double]) -> [Int] {
        values.withUnsafeBufferPointer { v in
            (0..<v.count).sorted { v[$0] < v[$1] }
        }
    }
}
