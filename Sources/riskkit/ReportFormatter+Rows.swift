extension ReportFormatter.Rows {
    /// These rows without the rows at `removed`, and for each row kept its position in the block.
    func keeping(without removed: [Int]) -> (rows: Self, indices: [Int]) {
        let dropped = Set(removed)
        var kept = Self(failure: failure)
        var indices: [Int] = []
        for i in ends.indices where !dropped.contains(i) {
            kept.bytes += bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
            kept.ends.append(kept.bytes.count)
            indices.append(i)
        }
        return (kept, indices)
    }
}
