import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

/// A dense matrix read in column blocks of a chosen width.
private struct DenseColumnBlocks: ColumnBlockMatrix {
    let matrix: Matrix
    let width: Int
    var rows: Int { matrix.rows }
    var columns: Int { matrix.columns }
    func forEachColumnBlock(_ body: (Range<Int>, Matrix) throws -> Void) rethrows {
        var start = 0
        while start < columns {
            let end = min(columns, start + width)
            try body(start..<end, Matrix(rows: rows, columns: end - start,
                                         columnMajor: Array(matrix.storage[(start * rows)..<(end * rows)])))
            start = end
        }
    }
}

@Suite struct RandomizedSVDTests {
    /// Column k of the orthonormal DCT-II basis of length n: √(c/n)·cos(π(i + ½)k/n), c = 1 for k = 0 else 2.
    private func cosine(_ k: Int, _ n: Int) -> [Double] {
        (0..<n).map { i in (Double(k == 0 ? 1 : 2) / Double(n)).squareRoot() * cos(Double.pi * (Double(i) + 0.5) * Double(k) / Double(n)) }
    }

    /// A = Σ s_k u_k v_kᵀ with DCT basis vectors (exactly orthonormal), so the singular triplets are known in closed
    /// form: s = 50, 20, 8, 3 above a tail 1, 0.9, …, 0.2.
    private func knownMatrix() -> (a: Matrix, s: [Double], u: [[Double]], v: [[Double]]) {
        let (n, m) = (60, 150)
        let s = [50.0, 20, 8, 3] + (0..<9).map { 1 - 0.1 * Double($0) }
        let u = (0..<s.count).map { cosine(2 * $0 + 1, n) }
        let v = (0..<s.count).map { cosine(3 * $0 + 2, m) }
        var a = Matrix(rows: n, columns: m)
        for k in s.indices { for j in 0..<m { for i in 0..<n { a[i, j] += s[k] * u[k][i] * v[k][j] } } }
        return (a, s, u, v)
    }

    @Test func recoversKnownSingularTriplets() throws {
        let (a, s, u, v) = knownMatrix()
        let svd = try RandomizedSVD(DenseColumnBlocks(matrix: a, width: 16), rank: 4,
                                    options: RandomizedSVDOptions(oversampling: 6, tolerance: 1e-12))
        #expect(svd.converged)
        for k in 0..<4 {
            #expect(abs(svd.singularValues[k] - s[k]) <= 1e-12 * s[k])
            let uk = svd.leftVectors.column(k), vk = svd.rightVectors.column(k)
            let sign: Double = Vector.dot(vk, v[k]) < 0 ? -1 : 1
            #expect(zip(uk, u[k]).allSatisfy { abs($0 - sign * $1) < 1e-10 })
            #expect(zip(vk, v[k]).allSatisfy { abs($0 - sign * $1) < 1e-10 })
            // Sign convention: the largest-magnitude entry of each right vector is positive.
            #expect(vk.max(by: { abs($0) < abs($1) })! > 0)
        }
    }

    @Test func resultDoesNotDependOnTheBlockWidth() throws {
        let a = knownMatrix().a
        let one = try RandomizedSVD(DenseColumnBlocks(matrix: a, width: 7), rank: 3)
        let other = try RandomizedSVD(DenseColumnBlocks(matrix: a, width: 150), rank: 3)
        #expect(one.powerIterations == other.powerIterations)
        #expect(zip(one.singularValues, other.singularValues).allSatisfy { abs($0 - $1) < 1e-12 * $1 })
        #expect(zip(one.rightVectors.storage, other.rightVectors.storage).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func stopsAtTheIterationCapWhenTheToleranceIsOutOfReach() throws {
        // Components 5–13 are inside a slowly decaying tail (1, 0.9, …): asking for rank 6 with no oversampling
        // cannot meet 1e-12 in 3 passes.
        let a = knownMatrix().a
        let svd = try RandomizedSVD(DenseColumnBlocks(matrix: a, width: 32), rank: 6,
                                    options: RandomizedSVDOptions(oversampling: 0, maxPowerIterations: 3, tolerance: 1e-12))
        #expect(!svd.converged && svd.powerIterations == 3 && svd.convergedComponents < 6)
        #expect(svd.lastChange > 1e-12)
    }
}
