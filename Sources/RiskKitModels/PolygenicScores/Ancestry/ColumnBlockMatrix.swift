import RiskKitLinearAlgebra

/// A matrix too large to hold densely, read as consecutive blocks of columns (for example genotypes decoded
/// variant block by variant block): what ``RandomizedSVD`` needs to form `A·Ω` and `Aᵀ·Q` in one pass each.
public protocol ColumnBlockMatrix {
    /// Number of rows (kept whole in every block).
    var rows: Int { get }
    /// Number of columns (split across blocks).
    var columns: Int { get }
    /// Calls `body` once per block, in column order, with the block's column range and its `rows × range.count`
    /// column-major values; the ranges tile `0..<columns`. The block buffer may be reused after `body` returns.
    func forEachColumnBlock(_ body: (_ columns: Range<Int>, _ block: Matrix) throws -> Void) rethrows
}
