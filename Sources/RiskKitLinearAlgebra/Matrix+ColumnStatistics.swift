extension Matrix {
    /// Mean and population standard deviation of every column from `skipping` on (two-pass, for accuracy).
    public func columnMeansAndDeviations(skipping first: Int) -> (mean: [Double], deviation: [Double]) {
        let count = Swift.max(0, columns - first)
        var means = [Double](repeating: 0, count: count)
        var deviations = [Double](repeating: 0, count: count)
        let n = rows
        guard n > 0 else { return (means, deviations) }
        storage.withUnsafeBufferPointer { a in
            for j in 0..<count {
                let base = (j + first) * n
                var sum = 0.0
                for i in 0..<n { sum += a[base + i] }
                let mean = sum / Double(n)
                var ss = 0.0
                for i in 0..<n { let d = a[base + i] - mean; ss += d * d }
                means[j] = mean
                deviations[j] = (ss / Double(n)).squareRoot()
            }
        }
        return (means, deviations)
    }
}
