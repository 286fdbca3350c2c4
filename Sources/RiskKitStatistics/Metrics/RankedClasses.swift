
/// The predicted values of events (cases) and non-events (controls), each sorted ascending, walked together as
/// one merged ranking.
///
/// This is the sort-based form of DeLong's placement values (Sun & Xu 2014, "Fast implementation of DeLong's
/// algorithm"): with Z the pooled sample and X, Y the cases and controls, the midrank difference
/// `R_Z(xᵢ) − R_X(xᵢ)` equals the number of controls below xᵢ plus half the controls tied with it, which one merge
/// of the two sorted lists yields for every tie group at once. Sorting costs O(m log m + n log n); the walk is
/// O(m + n).
struct RankedClasses {
    /// Predicted values of the cases (outcome 1), ascending.
    let cases: [Double]
    /// Predicted values of the controls (outcome 0), ascending.
    let controls: [Double]

    /// Wraps lists that are already sorted ascending.
    init(sortedCases: [Double], sortedControls: [Double]) {
        cases = sortedCases
        controls = sortedControls
    }

    /// Splits `predicted` by outcome and sorts each class.
    init(_ data: BinaryPredictions) {
        var cases = [Double]()
        var controls = [Double]()
        cases.reserveCapacity(data.events)
        controls.reserveCapacity(data.nonEvents)
        for (y, p) in zip(data.outcome, data.predicted) {
            if y == 1 { cases.append(p) } else { controls.append(p) }
        }
        cases.sort()
        controls.sort()
        self.init(sortedCases: cases, sortedControls: controls)
    }

    /// Visits each distinct predicted value once, in increasing order, with the index ranges of the cases and
    /// of the controls holding that value (either range may be empty, never both).
    func forEachTie(_ body: (_ tiedCases: Range<Int>, _ tiedControls: Range<Int>) -> Void) {
        cases.withUnsafeBufferPointer { x in
            controls.withUnsafeBufferPointer { y in
                var i = 0
                var j = 0
                while i < x.count || j < y.count {
                    let value = i < x.count && (j == y.count || x[i] <= y[j]) ? x[i] : y[j]
                    var iEnd = i
                    while iEnd < x.count && x[iEnd] == value { iEnd += 1 }
                    var jEnd = j
                    while jEnd < y.count && y[jEnd] == value { jEnd += 1 }
                    body(i..<iEnd, j..<jEnd)
                    i = iEnd
                    j = jEnd
                }
            }
        }
    }

    /// The Mann–Whitney AUC, P(case > control) + ½·P(tie), from the exact integer count of concordant pairs
    /// (doubled so half-pairs stay integral), divided once at the end.
    var auc: Double {
        var twiceConcordant = 0
        forEachTie { tiedCases, tiedControls in
            twiceConcordant += tiedCases.count * (2 * tiedControls.lowerBound + tiedControls.count)
        }
        return Double(twiceConcordant) / (2 * Double(cases.count) * Double(controls.count))
    }

    /// DeLong placement values in the sorted order of `cases` and `controls`.
    ///
    /// A case's placement V₁₀ is the fraction of controls below it plus half the fraction tied with it; a
    /// control's V₀₁ is the fraction of cases above it plus half the fraction tied. Both average to the AUC.
    func placements() -> (cases: [Double], controls: [Double]) {
        let m = Double(cases.count)
        let n = Double(controls.count)
        var casePlacements = [Double](repeating: 0, count: cases.count)
        var controlPlacements = [Double](repeating: 0, count: controls.count)
        forEachTie { tiedCases, tiedControls in
            let caseValue = (Double(tiedControls.lowerBound) + 0.5 * Double(tiedControls.count)) / n
            let controlValue = (m - Double(tiedCases.upperBound) + 0.5 * Double(tiedCases.count)) / m
            for k in tiedCases { casePlacements[k] = caseValue }
            for k in tiedControls { controlPlacements[k] = controlValue }
        }
        return (casePlacements, controlPlacements)
    }
}

extension RankedClasses {
    /// All predicted values, ascending: the O(m + n) merge of `cases` and `controls`.
    func pooledSorted() -> [Double] {
        var pooled = [Double]()
        pooled.reserveCapacity(cases.count + controls.count)
        var i = 0
        var j = 0
        while i < cases.count || j < controls.count {
            if j == controls.count || (i < cases.count && cases[i] <= controls[j]) {
                pooled.append(cases[i])
                i += 1
            } else {
                pooled.append(controls[j])
                j += 1
            }
        }
        return pooled
    }
}
