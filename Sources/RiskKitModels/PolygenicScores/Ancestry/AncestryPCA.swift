import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// Principal components of reference genotypes, kept as per-variant loadings so that any new sample can be placed
/// in the reference PC space; holds summaries only (no individual's genotypes or scores).
///
/// The matrix decomposed is ``StandardizedGenotypes`` (samples × variants, each variant centred by 2p and scaled by
/// 1/√(2p(1−p)), missing → 0, monomorphic variants left out), as plink2 `--pca` and flashpca use; its top K singular
/// triplets `X ≈ U·diag(s)·Vᵀ` come from ``RandomizedSVD``. Convention: the PC scores of a sample with standardized
/// genotype row x are `pc_c = Σ_j x_j·V_jc` (``loadings`` holds V), so a reference sample's scores are its row of
/// `X·V ≈ U·diag(s)`, PC c has variance s_c²/N over the reference, and ``eigenvalues`` are the eigenvalues s_c²/M of
/// the genomic relationship matrix `X·Xᵀ/M` (what plink2 writes to `.eigenval`).
public struct AncestryPCA: Codable, Sendable, Equatable {
    /// The variants used, in the order of the loadings' rows.
    public var variants: [AncestryVariant]
    /// Loadings V, column-major `variants.count × K`: `loadings[j + c·variants.count]` is variant j's weight on PC c.
    public var loadings: [Double]
    /// The K largest singular values s of the standardized reference matrix, descending.
    public var singularValues: [Double]
    /// s²/M: eigenvalues of the reference genomic relationship matrix (M = variants used).
    public var eigenvalues: [Double]
    /// Reference samples N.
    public var referenceSampleCount: Int
    /// Candidate variants left out as monomorphic or without calls in the reference.
    public var excludedVariantCount: Int
    /// Power passes of the randomized SVD.
    public var powerIterations: Int
    /// How many leading PCs met the randomized SVD's tolerance (see ``RandomizedSVD/convergedComponents``); the
    /// others are less exact, typically because they lie in the noise bulk.
    public var convergedComponents: Int

    /// Number of components K.
    public var componentCount: Int { singularValues.count }

    /// Fits K = `components` PCs to `variants` (`.bim` indices; all when `nil`) of `samples` of `fileset`.
    ///
    /// One counting pass for the frequencies, 1 + passes reads for the randomized SVD, and one more read to form
    /// the reference PC scores `X·V` exactly (so that projecting a reference sample reproduces its scores).
    /// - Throws: ``DataError`` (naming the `.bim`) when fewer than K + 1 samples or K polymorphic variants remain,
    ///   or when a used variant ID occurs twice (new samples are matched by ID); ``LinearAlgebraError`` if LAPACK
    ///   fails.
    public static func fit(
        fileset: PlinkFileset, samples: SampleSubset, variants: [Int]? = nil, components: Int,
        options: RandomizedSVDOptions = RandomizedSVDOptions(), blockSize: Int = PlinkFileset.defaultBlockSize
    ) throws -> AncestryPCAFit {
        precondition(components >= 1, "at least one principal component is needed")
        let bim = fileset.prefix + ".bim"
        let x = StandardizedGenotypes(fileset: fileset, samples: samples,
                                      candidates: variants ?? Array(0..<fileset.variantCount), blockSize: blockSize)
        guard samples.count > components else {
            throw DataError(file: fileset.prefix + ".fam", "\(components) principal components need at least \(components + 1) reference samples, \(samples.count) selected")
        }
        guard x.columns >= components else {
            throw DataError(file: bim, "\(components) principal components need at least \(components) polymorphic variants; \(x.columns) of \(x.columns + x.excludedVariantCount) selected variants have both alleles among the reference samples")
        }
        var seen: [String: Int] = [:]
        for v in x.variants {
            let id = fileset.variants[v].id
            if let first = seen[id] {
                throw DataError(file: bim, line: v + 1, "variant ID `\(id)` is also on line \(first + 1); ancestry PCA matches new samples by ID, so IDs must be unique (rename or drop duplicates, e.g. `plink2 --rm-dup`)")
            }
            seen[id] = v
        }
        let svd = try RandomizedSVD(x, rank: components, options: options)
        var scores = Matrix(rows: samples.count, columns: components)
        x.forEachColumnBlock { range, block in
            let rows = Matrix(rows: range.count, columns: components, columnMajor: (0..<components).flatMap { c in
                (range.lowerBound..<range.upperBound).map { svd.rightVectors[$0, c] }
            })
            block.multiply(rows, beta: 1, into: &scores)
        }
        let m = Double(x.columns)
        let pca = AncestryPCA(
            variants: zip(x.variants, x.allele1Frequencies).map { v, p in
                AncestryVariant(id: fileset.variants[v].id, allele1: fileset.variants[v].allele1,
                                allele2: fileset.variants[v].allele2, allele1Frequency: p)
            },
            loadings: svd.rightVectors.storage, singularValues: svd.singularValues,
            eigenvalues: svd.singularValues.map { $0 * $0 / m }, referenceSampleCount: samples.count,
            excludedVariantCount: x.excludedVariantCount, powerIterations: svd.powerIterations,
            convergedComponents: svd.convergedComponents)
        return AncestryPCAFit(pca: pca, referenceScores: scores)
    }
}
