import Foundation
import RiskKitStatistics
import RiskKitLinearAlgebra

/// The top `k` singular triplets `A ≈ U·diag(s)·Vᵀ` of a large matrix read in column blocks, by randomized subspace
/// iteration (Halko, Martinsson & Tropp 2011, *SIAM Review* 53:217, Algorithms 4.4 and 5.1).
///
/// Algorithm, with `L = min(k + oversampling, rows, columns)` sketch columns:
/// 1. Sketch: `Y = A·Ω` with Ω a `columns × L` standard-normal matrix generated block by block (row j of Ω is the
///    j-th run of L draws of a seeded SplitMix64 stream, so Ω does not depend on the block size); `Q = qr(Y)`.
/// 2. Power pass t = 1, 2, …: `Z = Aᵀ·Q` and `Y = A·Z` in one read of A (per block `Z_b = A_bᵀ·Q`,
///    `Y += A_b·Z_b`, both `dgemm`). The thin SVD `Z = V·diag(s)·Wᵀ` (`dgesvd`, `columns × L`) gives the
///    Rayleigh–Ritz estimates for the subspace Q: singular values s, right vectors V, left vectors `U = Q·W`.
///    Then `Q = qr(Y)` (`dgeqrf` + `dorgqr`): the re-orthonormalization between passes that keeps the small
///    components from drowning in rounding (Halko et al. §4.5).
/// 3. Stop after the pass where no wanted left vector `U[:, c]`, c < k, moved by more than `tolerance` in Euclidean
///    norm from the previous pass (after aligning signs), or after `maxPowerIterations` passes. Each pass shrinks the
///    error of component c by about ρ_c = (s_{L+1}/s_c)², so the error left is about `tolerance`·ρ/(1 − ρ);
///    components inside a noise bulk (s_c ≈ s_{L+1}) converge slowly and may stop at the cap (``converged`` false;
///    ``convergedComponents`` says how many leading ones made it).
///
/// Sign convention: each right vector is flipped so that its largest-magnitude entry is positive (the left vector
/// with it). Cost: (1 + passes) reads of A, each O(rows·columns·L) flops in `dgemm`, plus O(columns·L²) per pass
/// for the SVD; memory O((rows + columns)·L) besides one block of A.
public struct RandomizedSVD: Sendable {
    /// The `k` largest singular values, descending.
    public let singularValues: [Double]
    /// `rows × k` left singular vectors (orthonormal columns), column-major.
    public let leftVectors: Matrix
    /// `columns × k` right singular vectors (orthonormal columns), column-major.
    public let rightVectors: Matrix
    /// Power passes performed.
    public let powerIterations: Int
    /// Whether every wanted component met the tolerance within `maxPowerIterations`.
    public var converged: Bool { convergedComponents == singularValues.count }
    /// How many leading components (1, 2, … without a gap) met the tolerance in the last pass; the rest usually lie
    /// in a noise bulk where singular values are too close to separate.
    public let convergedComponents: Int
    /// The largest change of a wanted left vector over the last pass (infinity after a single pass).
    public let lastChange: Double

    /// Computes the top `rank` singular triplets of `matrix`; `1 ≤ rank ≤ min(rows, columns)`.
    /// - Throws: ``LinearAlgebraError`` when a LAPACK step fails (NaN or infinite entries).
    public init(_ matrix: some ColumnBlockMatrix, rank k: Int, options: RandomizedSVDOptions = RandomizedSVDOptions())
        throws
    {
        let (n, m) = (matrix.rows, matrix.columns)
        precondition(k >= 1 && k <= Swift.min(n, m), "rank must be in 1…min(rows, columns) = \(Swift.min(n, m))")
        let l = Swift.min(k + options.oversampling, n, m)

        var generator = SplitMix64(seed: options.seed)
        var y = Matrix(rows: n, columns: l)
        matrix.forEachColumnBlock { range, block in
            var omega = Matrix(rows: range.count, columns: l)
            for r in 0..<range.count { for c in 0..<l { omega[r, c] = generator.nextNormal() } }
            block.multiply(omega, beta: 1, into: &y)
        }
        var q = try y.orthonormalizedColumns()

        var previous: Matrix?
        var z = Matrix(rows: m, columns: l)
        var result: (u: Matrix, s: [Double], v: Matrix) = (Matrix(rows: n, columns: k), [], Matrix(rows: m, columns: k))
        var passes = 0, changes = [Double](repeating: .infinity, count: k)
        while passes < options.maxPowerIterations {
            passes += 1
            y = Matrix(rows: n, columns: l)
            matrix.forEachColumnBlock { range, block in
                let zBlock = block.multiply(q, transposeSelf: .transpose)
                block.multiply(zBlock, beta: 1, into: &y)
                z.withUnsafeMutableBufferPointer { zp in
                    for c in 0..<l {
                        for r in 0..<range.count { zp[range.lowerBound + r + c * m] = zBlock[r, c] }
                    }
                }
            }
            let svd = try z.thinSVD()
            let u = q.multiply(svd.vt, transposeOther: .transpose)
            result = (
                Matrix(rows: n, columns: k, columnMajor: Array(u.storage[0..<(n * k)])),
                Array(svd.singularValues[0..<k]),
                Matrix(rows: m, columns: k, columnMajor: Array(svd.u.storage[0..<(m * k)]))
            )
            if let previous {
                changes = RandomizedSVD.changes(result.u, previous)
                if changes.allSatisfy({ $0 <= options.tolerance }) { break }
            }
            previous = result.u
            q = try y.orthonormalizedColumns()
        }
        RandomizedSVD.fixSigns(&result.u, &result.v)
        singularValues = result.s
        leftVectors = result.u
        rightVectors = result.v
        powerIterations = passes
        convergedComponents = changes.firstIndex { !($0 <= options.tolerance) } ?? k
        lastChange = changes.max() ?? 0
    }

    /// ‖a[:, c] − ±b[:, c]‖₂ for each column c, the sign chosen to match.
    private static func changes(_ a: Matrix, _ b: Matrix) -> [Double] {
        (0..<a.columns).map { c in
            let x = a.column(c), y = b.column(c)
            let sign: Double = Vector.dot(x, y) < 0 ? -1 : 1
            var diff = x
            Vector.axpy(-sign, y, &diff)
            return Vector.norm(diff)
        }
    }

    /// Flips each pair (u_c, v_c) so that v_c's largest-magnitude entry is positive.
    private static func fixSigns(_ u: inout Matrix, _ v: inout Matrix) {
        for c in 0..<v.columns {
            var best = 0
            for r in 0..<v.rows where abs(v[r, c]) > abs(v[best, c]) { best = r }
            guard v[best, c] < 0 else { continue }
            for r in 0..<v.rows { v[r, c] = -v[r, c] }
            for r in 0..<u.rows { u[r, c] = -u[r, c] }
        }
    }
}
