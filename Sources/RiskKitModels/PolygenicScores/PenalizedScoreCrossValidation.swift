
/// K-fold cross-validation of a penalized polygenic score along the λ path, summarised as `cv.glmnet` does.
///
/// Per λ index l and fold k with `Nₖ` held-out samples: `meanDeviance[l] = Σₖ Nₖ·Dₖₗ / Σₖ Nₖ` and
/// `devianceStandardError[l] = √(Σₖ Nₖ(Dₖₗ − mean)² / Σₖ Nₖ / (K − 1))`, `Dₖₗ` the mean held-out binomial deviance
/// `−2·[y log p + (1−y) log(1−p)]` per sample (no clipping of p); the AUC likewise. A fold whose path stopped
/// before λ index l (``PenalizedScore/Options/cvPatience`` or ``PenalizedScore/Options/maxActive``) contributes its
/// last values there, as `cv.glmnet` does for short fold paths.
public struct PenalizedScoreCrossValidation: Sendable, Equatable {
    /// Fold index (0..<K) of each sample, in `SampleSubset` order.
    public let folds: [Int]
    /// Fold-size-weighted mean held-out deviance per λ.
    public let meanDeviance: [Double]
    /// Standard error of `meanDeviance` per λ.
    public let devianceStandardError: [Double]
    /// Fold-size-weighted mean held-out AUC per λ.
    public let meanAUC: [Double]
    /// Standard error of `meanAUC` per λ.
    public let aucStandardError: [Double]
    /// Held-out mean deviance `foldDeviance[k][l]` of fold k at λ index l.
    public let foldDeviance: [[Double]]
    /// Held-out AUC `foldAUC[k][l]` of fold k at λ index l.
    public let foldAUC: [[Double]]
    /// λ index with the smallest mean deviance (the largest λ on ties): `cv.glmnet`'s `lambda.min`.
    public let minimumIndex: Int
    /// Largest λ whose mean deviance is within one standard error of the minimum: `lambda.1se`.
    public let oneStandardErrorIndex: Int
}
