
/// Held-out deviance and AUC of each fold along the λ it fitted, with the fold sizes.
struct FoldMeasures {
    /// `deviance[k][l]`: mean held-out deviance of fold k at λ index l (as many λ as the fold fitted).
    var deviance: [[Double]] = []
    /// `auc[k][l]`: held-out AUC of fold k at λ index l.
    var auc: [[Double]] = []
    /// Held-out samples per fold.
    var sizes: [Double] = []
}
