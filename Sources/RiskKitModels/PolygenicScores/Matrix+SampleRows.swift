import RiskKitData
import RiskKitLinearAlgebra

extension Matrix {
    /// The rows of this samples × k matrix (rows in the order of `all`) that belong to `subset`, a subset of `all`.
    /// O(rows · columns).
    public func selectingRows(of subset: SampleSubset, in all: SampleSubset) -> Matrix {
        precondition(all.count == rows, "one row per sample of `all`")
        var rowOf: [Int: Int] = [:]
        for (r, i) in all.indices.enumerated() { rowOf[i] = r }
        return selectingRows(subset.indices.map { rowOf[$0]! })
    }
}
