import RiskKitLinearAlgebra

/// The result of fitting an ``AncestryPCA``: the saved summary plus the reference samples' own PC scores, which are
/// individual-level data and are meant only for fitting the score adjustment, never for saving.
public struct AncestryPCAFit: Sendable {
    /// The PCA summary to save (variants, frequencies, loadings, singular values).
    public var pca: AncestryPCA
    /// Reference samples × K PC scores, rows in the order of the fitted sample subset; row i equals
    /// ``AncestryPCA/project(_:samples:blockSize:)`` of that sample.
    public var referenceScores: Matrix
}
