import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// The regression of a polygenic score's mean and variance on ancestry PCs in a reference population, kept as
/// coefficients and summaries only, so that a new sample's score can be reported as Z_norm1, Z_norm2 and
/// percentiles, with a flag when its PCs lie outside the reference cloud.
///
/// Method (pgsc_calc's `pgs_adjust`, pygscatalog `pgscatalog.calc/src/pgscatalog/calc/lib/_ancestry/tools.py`):
/// each PC is standardized by its reference mean and standard deviation (ddof 0) and the score centred by its
/// reference mean; D = [1, standardized PCs].
/// - Z_norm1 (Khera et al. 2019): OLS of the centred score on D (`dsyrk` + `dpotrf`); Z_norm1 = residual / sd of the
///   reference residuals (ddof 0).
/// - Z_norm2 (Khan et al. 2022): residual from the mean model divided by √v, v = exp(D·γ); with
///   ``AncestryVarianceModel/fullLikelihood`` (pgsc_calc's default) mean and variance coefficients come from
///   ``MeanVarianceRegression`` started at the OLS and gamma fits; with ``AncestryVarianceModel/twoStep`` the mean is
///   the OLS one and γ the ``GammaLogLinkRegression`` of the squared (centred) OLS residuals.
/// - Outlier: d² = (pc − m)ᵀ S⁻¹ (pc − m) with m and S the reference PC mean and covariance (ddof 0, as
///   scikit-learn's `EmpiricalCovariance` that pgsc_calc uses), and p = P(χ²(K) > d²). pgsc_calc reports this p
///   against all reference samples but with K − 1 degrees of freedom; K is the distribution of d² for K normal
///   PCs, so it is used here. Flagged when p < ``outlierLevel``.
public struct AncestryAdjustment: Codable, Sendable, Equatable {
    /// Number of PCs K.
    public var componentCount: Int
    /// Reference samples the model was fitted on.
    public var referenceSampleCount: Int
    /// Reference mean of each PC.
    public var pcMeans: [Double]
    /// Reference standard deviation (ddof 0) of each PC.
    public var pcStandardDeviations: [Double]
    /// Reference mean of the raw score (subtracted before the regressions).
    public var scoreOffset: Double
    /// OLS coefficients of the centred score on [1, standardized PCs] (Z_norm1's mean model).
    public var meanCoefficients: [Double]
    /// Standard deviation (ddof 0) of the reference OLS residuals.
    public var residualStandardDeviation: Double
    /// Which variance model Z_norm2 uses.
    public var varianceModel: AncestryVarianceModel
    /// Z_norm2's mean coefficients on [1, standardized PCs] (equal to ``meanCoefficients`` for the two-step model).
    public var norm2MeanCoefficients: [Double]
    /// Z_norm2's log-variance coefficients on [1, standardized PCs].
    public var norm2VarianceCoefficients: [Double]
    /// Inverse of the reference PC covariance (ddof 0), column-major K × K.
    public var pcPrecision: [Double]
    /// Chi-square upper-tail level below which a sample is flagged as outside the reference PC cloud.
    public var outlierLevel: Double
    /// The raw scores' reference distribution, for the unadjusted percentile.
    public var scoreDistribution: ReferenceDistribution

    /// Fits the adjustment to reference samples' PC scores (`pcs`, N × K, e.g. ``AncestryPCAFit/referenceScores``)
    /// and raw `scores` (N values, same order). O(N·K²) per regression iteration.
    /// - Throws: ``DataError`` when there are fewer than K + 2 samples, the score or a PC is constant, the PCs are
    ///   collinear, or an iterative fit does not converge.
    public static func fit(pcs: Matrix, scores: [Double],
                           options: AncestryAdjustmentOptions = AncestryAdjustmentOptions()) throws -> AncestryAdjustment {
        let (n, k) = (pcs.rows, pcs.columns)
        precondition(scores.count == n, "\(scores.count) scores for \(n) samples")
        precondition(k >= 1, "at least one PC is needed")
        guard n >= k + 2 else {
            throw DataError("adjusting a score on \(k) PCs needs at least \(k + 2) reference samples, \(n) given")
        }
        guard scores.allSatisfy(\.isFinite), pcs.storage.allSatisfy(\.isFinite) else {
            throw DataError("reference scores and PCs must be finite numbers (missing values are not allowed)")
        }
        let count = Double(n)
        var means = [Double](repeating: 0, count: k), sds = means
        for c in 0..<k {
            let column = pcs.column(c)
            means[c] = column.reduce(0, +) / count
            sds[c] = (column.reduce(0) { $0 + ($1 - means[c]) * ($1 - means[c]) } / count).squareRoot()
            guard sds[c] > 0 else { throw DataError("PC\(c + 1) is constant over the reference samples; fit fewer PCs") }
        }
        let offset = scores.reduce(0, +) / count
        let y = scores.map { $0 - offset }
        guard y.contains(where: { $0 != 0 }) else {
            throw DataError("the score is constant over the \(n) reference samples; it cannot be standardized")
        }
        var design = Matrix(rows: n, columns: k + 1, repeating: 1)
        for c in 0..<k { for i in 0..<n { design[i, c + 1] = (pcs[i, c] - means[c]) / sds[c] } }

        let gram: CholeskyFactor
        do { gram = try CholeskyFactor(design.gram()) } catch {
            throw DataError("the reference PCs are collinear; fit fewer PCs")
        }
        let beta = try gram.solve(design.multiply(y, transpose: .transpose))
        let fitted = design.multiply(beta)
        let residuals = zip(y, fitted).map(-)
        let residualMean = residuals.reduce(0, +) / count
        let residualSD = (residuals.reduce(0) { $0 + ($1 - residualMean) * ($1 - residualMean) } / count).squareRoot()
        guard residualSD > 0 else {
            throw DataError("the PCs predict the reference score exactly (no residual variance); Z scores are undefined")
        }
        let gamma = try GammaLogLinkRegression(
            design: design, response: residuals.map { ($0 - residualMean) * ($0 - residualMean) })
        guard gamma.converged else {
            throw DataError("the gamma regression of the squared score residuals on the PCs did not converge in \(gamma.iterations) iterations; fit fewer PCs")
        }
        var norm2Mean = beta, norm2Variance = gamma.coefficients
        if options.varianceModel == .fullLikelihood {
            let full = try MeanVarianceRegression(design: design, response: y, startingMean: beta,
                                                  startingVariance: gamma.coefficients)
            guard full.converged else {
                throw DataError("the joint mean-and-variance fit of the score on the PCs did not converge in \(full.iterations) iterations; use the two-step variance model or fewer PCs")
            }
            norm2Mean = full.meanCoefficients
            norm2Variance = full.varianceCoefficients
        }

        var centred = pcs
        for c in 0..<k { for i in 0..<n { centred[i, c] -= means[c] } }
        var covariance = centred.gram()
        covariance.withUnsafeMutableBufferPointer { c in for i in c.indices { c[i] /= count } }
        let precision: Matrix
        do { precision = try CholeskyFactor(covariance).inverse() } catch {
            throw DataError("the reference PC covariance is singular; fit fewer PCs")
        }
        return AncestryAdjustment(
            componentCount: k, referenceSampleCount: n, pcMeans: means, pcStandardDeviations: sds,
            scoreOffset: offset, meanCoefficients: beta, residualStandardDeviation: residualSD,
            varianceModel: options.varianceModel, norm2MeanCoefficients: norm2Mean,
            norm2VarianceCoefficients: norm2Variance, pcPrecision: precision.storage,
            outlierLevel: options.outlierLevel,
            scoreDistribution: ReferenceDistribution(values: scores, points: options.quantilePoints))
    }

    /// Reports `score` of a sample with PC scores `pcs` (K values, same PCA and sign convention as the fit).
    public func adjust(pcs: [Double], score: Double) -> AdjustedScore {
        precondition(pcs.count == componentCount, "\(pcs.count) PCs given, the adjustment uses \(componentCount)")
        precondition(pcs.allSatisfy(\.isFinite), "PC scores must be finite")
        let k = componentCount
        let row = [1] + (0..<k).map { (pcs[$0] - pcMeans[$0]) / pcStandardDeviations[$0] }
        let y = score - scoreOffset
        let zNorm1 = (y - Vector.dot(row, meanCoefficients)) / residualStandardDeviation
        let zNorm2 = (y - Vector.dot(row, norm2MeanCoefficients)) / exp(0.5 * Vector.dot(row, norm2VarianceCoefficients))
        let delta = (0..<k).map { pcs[$0] - pcMeans[$0] }
        let distance = Vector.dot(delta, Matrix(rows: k, columns: k, columnMajor: pcPrecision).multiply(delta))
        let p = ChiSquared.upperTail(distance, degreesOfFreedom: Double(k))
        return AdjustedScore(
            raw: score, rawPercentile: scoreDistribution.percentile(of: score), zNorm1: zNorm1, zNorm2: zNorm2,
            zNorm2Percentile: 100 * Normal.cdf(zNorm2), mahalanobisDistanceSquared: distance, pcCloudPValue: p,
            isOutlier: p < outlierLevel)
    }
}
