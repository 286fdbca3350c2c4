import Foundation

/// Whether `actual` lies within `absolute + relative·max(|expected|, magnitudeFloor)` of `expected`.
///
/// One rule for every approximate comparison in the tests; each call names its tolerances. `magnitudeFloor: 1`
/// makes the relative tolerance absolute for expected values below 1 in magnitude.
public func isApproximatelyEqual(
    _ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0, magnitudeFloor: Double = 0
) -> Bool {
    abs(actual - expected) <= absolute + relative * Swift.max(abs(expected), magnitudeFloor)
}

/// Elementwise ``isApproximatelyEqual(_:_:relative:absolute:magnitudeFloor:)`` of two arrays of the same length.
public func isApproximatelyEqual(
    _ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 0, magnitudeFloor: Double = 0
) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy {
        isApproximatelyEqual($0, $1, relative: relative, absolute: absolute, magnitudeFloor: magnitudeFloor)
    }
}

/// Whether `value` agrees with `printed`, a number printed to `significantDigits` significant digits (as plink2
/// prints them), within `units` units of its last printed digit (`units: 0.5` is correct rounding). A printed 0
/// matches only 0.
///
/// Not a string comparison: a value within rounding noise of a decimal tie may print either way (2.675 / 16 prints
/// 0.167188 in plink2, 0.167187 through C's `%g`).
public func matchesPrinted(_ value: Double, _ printed: Double, significantDigits: Int = 6, units: Double) -> Bool {
    guard printed != 0 else { return value == 0 }
    let unit = pow(10, log10(abs(printed)).rounded(.down) - Double(significantDigits - 1))
    return abs(value - printed) <= units * unit * (1 + 1e-9)
}
