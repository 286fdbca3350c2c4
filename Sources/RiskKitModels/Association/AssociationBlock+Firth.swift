import RiskKitLinearAlgebra

// MARK: - Firth fallback

extension AssociationBlock {

    /// Fits block column `column` (its genotypes and mask as they are now) by Firth regression into `result`.
    func firth(column: Int, result: inout VariantAssociation) {
        result.firth = true
        let g = genotypes + column * n, m = mask + column * n
        var rows: [Int] = []
        rows.reserveCapacity(n)
        for r in 0..<n where m[r] == 1 { rows.append(r) }
        let used = rows.count
        var x = Matrix(rows: used, columns: order)
        for col in 0..<k {
            for (t, r) in rows.enumerated() { x[t, col] = model.design[r + col * n] }
        }
        for (t, r) in rows.enumerated() { x[t, k] = g[r] }
        let y = rows.map { model.outcome[$0] }
        guard let fit = FirthLogisticRegression.fit(design: x, outcome: y) else {
            result.error = .firthConvergeFail
            return
        }
        let valid = fit.covariance.storage.withUnsafeBufferPointer {
            AssociationBlock.isValidCovariance($0.baseAddress!, order: order)
        }
        guard valid else {
            result.error = .invalidResult
            return
        }
        result.beta = fit.coefficients[k]
        result.standardError = fit.standardErrors[k]
    }
}
