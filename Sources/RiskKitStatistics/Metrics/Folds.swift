import RiskKitData

/// Assignment of rows to cross-validation folds.
public enum Folds {
    /// Stratified, seeded K-fold assignment: the fold index (0..<k) of each row.
    ///
    /// Algorithm: the rows of each outcome class (0 first, then 1), in row order, are shuffled by Fisher–Yates
    /// (for i from the last position down to 1, swap with position `SplitMix64.next(below: i + 1)`) using one
    /// ``SplitMix64`` stream seeded with `seed`, then dealt to folds round-robin; the deal of the events continues
    /// where the non-events' deal stopped. Hence every fold gets ⌊c/k⌋ or ⌈c/k⌉ rows of each class of size c,
    /// fold sizes differ by at most one, and the same outcomes, k and seed give the same folds on every machine.
    /// O(n) time and memory. A class smaller than k leaves some folds without it.
    ///
    /// Throws `DataError` when `outcome` is empty, holds a value other than 0 or 1, or has fewer rows than k, or
    /// when k < 2.
    public static func stratified(outcome: [Double], k: Int, seed: UInt64) throws -> [Int] {
        guard k >= 2 else {
            throw DataError("cross-validation needs at least 2 folds, not \(k)")
        }
        guard outcome.count >= k else {
            throw DataError("\(outcome.count) rows cannot fill \(k) folds: use at most \(outcome.count) folds")
        }
        _ = try BinaryPredictions.countEvents(outcome)
        var generator = SplitMix64(seed: seed)
        var fold = [Int](repeating: 0, count: outcome.count)
        var dealt = 0
        for outcomeClass in [0.0, 1.0] {
            var rows = outcome.indices.filter { outcome[$0] == outcomeClass }
            for i in stride(from: rows.count - 1, to: 0, by: -1) {
                rows.swapAt(i, Int(generator.next(below: UInt64(i + 1))))
            }
            for row in rows {
                fold[row] = dealt % k
                dealt += 1
            }
        }
        return fold
    }
}
