extension Matrix {
    /// The listed rows, in that order, as a new matrix. O(indices · columns).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            for (a, i) in indices.enumerated() { out[a, j] = self[i, j] }
        }
        return out
    }
}
