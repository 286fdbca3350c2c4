import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct MatrixFactorizationTests {
    @Test func thinSVDOfAClosedFormMatrix() throws {
        // A = [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]], eigenvalues 45 and 5, so s = 3√5 and √5.
        let a = Matrix(rowMajor: [[3, 0], [4, 5], [0, 0]])
        let svd = try a.thinSVD()
        #expect(abs(svd.singularValues[0] - 3 * 5.0.squareRoot()) < 1e-14)
        #expect(abs(svd.singularValues[1] - 5.0.squareRoot()) < 1e-14)
        // Reconstruction U·diag(s)·Vᵀ.
        var us = svd.u
        for c in 0..<2 { for r in 0..<3 { us[r, c] *= svd.singularValues[c] } }
        let back = us.multiply(svd.vt)
        #expect(zip(back.storage, a.storage).allSatisfy { abs($0 - $1) < 1e-14 })
    }

    @Test func orthonormalBasisSpansTheColumns() throws {
        // Columns (1, 1, 0, 0) and (1, 0, 1, 0): Gram–Schmidt gives (1, 1, 0, 0)/√2 and (1, −1, 2, 0)/√6 up to sign.
        let a = Matrix(rowMajor: [[1, 1], [1, 0], [0, 1], [0, 0]])
        let q = try a.orthonormalizedColumns()
        let expected = [[1, 1, 0, 0].map { $0 / 2.0.squareRoot() }, [1, -1, 2, 0].map { $0 / 6.0.squareRoot() }]
        for c in 0..<2 {
            let column = q.column(c)
            let sign: Double = Vector.dot(column, expected[c]) < 0 ? -1 : 1
            #expect(zip(column, expected[c]).allSatisfy { abs($0 - sign * $1) < 1e-15 })
        }
    }

    @Test func accumulatingProductAddsToTheTarget() {
        // [[1, 2], [3, 4]]ᵀ·[[1], [1]] = [[4], [6]]; with β = 1 onto [[10], [20]] and α = 2: [[18], [32]].
        let a = Matrix(rowMajor: [[1, 2], [3, 4]])
        var c = Matrix(rowMajor: [[10], [20]])
        a.multiply(Matrix(rowMajor: [[1], [1]]), transposeSelf: .transpose, alpha: 2, beta: 1, into: &c)
        #expect(c.storage == [18, 32])
    }
}
