import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitModels

@Suite struct MatrixTests {
    // Closed-form: A = [[4,2],[2,3]]; A⁻¹ = (1/8)[[3,-2],[-2,4]]; A·[1,2] = [8,8].
    @Test func choleskySolveAndInverse() throws {
        let a = Matrix(rowMajor: [[4, 2], [2, 3]])
        let chol = try CholeskyFactor(a)
        let x = try chol.solve([8, 8])
        #expect(abs(x[0] - 1) < 1e-14 && abs(x[1] - 2) < 1e-14)
        let inv = try chol.inverse()
        #expect(abs(inv[0, 0] - 3.0 / 8) < 1e-15)
        #expect(abs(inv[0, 1] + 2.0 / 8) < 1e-15)
        #expect(abs(inv[1, 0] + 2.0 / 8) < 1e-15)
        #expect(abs(inv[1, 1] - 4.0 / 8) < 1e-15)
        #expect(abs(chol.logDeterminant - log(8.0)) < 1e-14)
    }

    @Test func notPositiveDefiniteIsTyped() {
        let a = Matrix(rowMajor: [[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try CholeskyFactor(a) }
    }

    @Test func gramAndGemv() {
        let x = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let g = x.gram()
        #expect(g == Matrix(rowMajor: [[35, 44], [44, 56]]))
        #expect(x.multiply([1, 1]) == [3, 7, 11])
        #expect(x.multiply([1, 1, 1], transpose: .transpose) == [9, 12])
    }

    @Test func pivotedCholeskyFindsRank() throws {
        // Column 2 = column 0 + column 1 → rank 2.
        let x = Matrix(rowMajor: [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
        let p = try PivotedCholesky(x.gram(), tolerance: 1e-10)
        #expect(p.rank == 2)
    }
}
