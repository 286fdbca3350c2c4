/// How one ``Feature`` turns a raw value into its encoded columns, reduced to plain numbers so that encoding
/// a block of rows copies no strings or arrays: the one encoder, used by training and scoring alike.
///
/// A numeric or binary feature writes its value (a missing one, `NaN`, replaced by ``imputedNumber``); a
/// categorical feature writes one indicator per non-reference level (a missing one takes the
/// ``imputedLevel``); a feature with a missingness indicator adds one more column, 1 when missing.
package struct FeatureCodec: Sendable {
    /// How the column is treated.
    package let kind: FeatureKind
    /// Number of encoded columns.
    package let width: Int
    /// Indicator columns of a categorical feature (levels − 1).
    @usableFromInline let indicators: Int
    /// The value of a missing number.
    @usableFromInline let imputedNumber: Double
    /// The level index of a missing category.
    @usableFromInline let imputedLevel: Int
    /// Whether a `missing(name)` column follows.
    @usableFromInline let missingIndicator: Bool

    /// The codec of `feature`.
    package init(_ feature: Feature) {
        kind = feature.kind
        width = feature.width
        indicators = (feature.levels?.count ?? 1) - 1
        imputedNumber = feature.imputedNumber ?? 0
        imputedLevel = feature.imputedLevelIndex
        missingIndicator = feature.missingIndicator
    }

    /// Writes the encoded values of one numeric cell (`NaN` = missing) to `out[offset]`, `out[offset + stride]`, …
    /// (stride 1: a row; the row count of a column-major block: a block's columns).
    @inlinable
    package func encode(number: Double, into out: UnsafeMutablePointer<Double>, at offset: Int, stride: Int = 1) {
        let missing = number.isNaN
        out[offset] = missing ? imputedNumber : number
        if missingIndicator { out[offset + stride] = missing ? 1 : 0 }
    }

    /// Whether `number` is a value this feature encodes as it is: finite, and 0 or 1 for a binary feature (any
    /// other is rejected by ``Feature/encode(_:codec:into:at:stride:)``, which names the field).
    @inlinable
    package func accepts(_ number: Double) -> Bool {
        number.isFinite && (kind == .numeric || (kind == .binary && (number == 0 || number == 1)))
    }

    /// Writes the one-hot encoding of a level (index into the feature's levels; `nil` = missing) to
    /// `out[offset]`, `out[offset + stride]`, … as ``encode(number:into:at:stride:)`` does.
    @inlinable
    package func encode(levelIndex: Int?, into out: UnsafeMutablePointer<Double>, at offset: Int, stride: Int = 1) {
        for k in 0..<indicators { out[offset + k * stride] = 0 }
        let index = levelIndex ?? imputedLevel
        if index > 0 { out[offset + (index - 1) * stride] = 1 }
        if missingIndicator { out[offset + indicators * stride] = levelIndex == nil ? 1 : 0 }
    }
}
