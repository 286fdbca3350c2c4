import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// Principal components of samples from their genotypes, as plink2 `--pca` computes them: the leading eigenvalues
/// and unit-norm eigenvectors of the variance-standardized genomic relationship matrix (GRM).
///
/// The genotypes are ``StandardizedGenotypes``: `x_ij = (g_ij − 2p_j)/√(2p_j(1 − p_j))` with `p_j` the A1 frequency
/// over the frequency samples (plink2: the founders), a missing call 0, variants monomorphic among those samples
/// left out. ``GenotypePCAMethod/exact`` builds the GRM `G_ik = Σ_j x_ij·x_kj / M_ik`, where `M_ik` counts the
/// variants called in both samples i and k (plink2's missingness correction; `M` when nothing is missing), and takes
/// its top K eigenpairs with `dsyevr`. ``GenotypePCAMethod/approximate(_:)`` takes the top K singular triplets
/// `X ≈ U·diag(s)·Vᵀ` by ``RandomizedSVD`` and reports `U` and `s²/M`: the eigenpairs of the mean-imputed GRM
/// `X·Xᵀ/M` (plink2 `--pca meanimpute`). Eigenvector signs are arbitrary in plink2; here each is flipped so that its
/// largest-magnitude entry is positive.
public struct GenotypePCA: Sendable {
    /// The K largest eigenvalues of the GRM, descending (plink2's `.eigenval`).
    public var eigenvalues: [Double]
    /// `samples × K` unit-norm eigenvectors, column-major, rows in the order of the sample subset (plink2's
    /// `.eigenvec` columns PC1…PCK).
    public var eigenvectors: Matrix
    /// `.bim` indices of the variants used (polymorphic among the frequency samples).
    public var variants: [Int]
    /// Candidate variants left out as monomorphic or without calls among the frequency samples.
    public var excludedVariantCount: Int
    /// The method used.
    public var method: GenotypePCAMethod
    /// Power passes of the randomized SVD (0 for the exact method).
    public var powerIterations: Int
    /// Leading components that met the randomized SVD's tolerance (K for the exact method).
    public var convergedComponents: Int

    /// Number of components K.
    public var componentCount: Int { eigenvalues.count }

    /// Computes K = `components` PCs of `samples` over `variants` (`.bim` indices) of `fileset`, standardizing with
    /// A1 frequencies over `frequencySamples`.
    /// - Throws: ``DataError`` (naming the `.fam` or `.bim`) when fewer than K + 1 samples or K polymorphic variants
    ///   remain; ``LinearAlgebraError`` if LAPACK fails.
    public static func fit(
        fileset: PlinkFileset, samples: SampleSubset, frequencySamples: SampleSubset, variants: [Int],
        components: Int, method: GenotypePCAMethod, blockSize: Int = PlinkFileset.defaultBlockSize
    ) throws -> GenotypePCA {
        precondition(components >= 1, "at least one principal component is needed")
        let x = StandardizedGenotypes(fileset: fileset, samples: samples, frequencySamples: frequencySamples,
                                      candidates: variants, blockSize: blockSize)
        guard samples.count > components else {
            throw DataError(file: fileset.prefix + ".fam", "\(components) principal components need at least \(components + 1) samples, \(samples.count) selected")
        }
        guard x.columns >= components else {
            throw DataError(file: fileset.prefix + ".bim", "\(components) principal components need at least \(components) polymorphic variants; \(x.columns) of \(variants.count) selected variants have both alleles among the frequency samples")
        }
        var pca: GenotypePCA
        switch method {
        case .exact:
            let eigen = try relationshipMatrix(x).largestSymmetricEigenpairs(components)
            pca = GenotypePCA(eigenvalues: eigen.values, eigenvectors: eigen.vectors, variants: x.variants,
                              excludedVariantCount: x.excludedVariantCount, method: method, powerIterations: 0,
                              convergedComponents: components)
        case .approximate(let options):
            let svd = try RandomizedSVD(x, rank: components, options: options)
            let m = Double(x.columns)
            pca = GenotypePCA(eigenvalues: svd.singularValues.map { $0 * $0 / m }, eigenvectors: svd.leftVectors,
                              variants: x.variants, excludedVariantCount: x.excludedVariantCount, method: method,
                              powerIterations: svd.powerIterations, convergedComponents: svd.convergedComponents)
        }
        pca.normalizeSigns()
        return pca
    }

    /// Flips each eigenvector so that its largest-magnitude entry is positive (ties: the first).
    private mutating func normalizeSigns() {
        for c in 0..<eigenvectors.columns {
            var best = 0
            for r in 0..<eigenvectors.rows where abs(eigenvectors[r, c]) > abs(eigenvectors[best, c]) { best = r }
            guard eigenvectors[best, c] < 0 else { continue }
            for r in 0..<eigenvectors.rows { eigenvectors[r, c] = -eigenvectors[r, c] }
        }
    }
}
