import Foundation

extension BinaryMetrics {
    /// Nagelkerke's R² of a model with deviance `deviance` against the intercept-only deviance `nullDeviance` over
    /// `count` observations: (1 − e^{−(L₀ − L₁)/n}) / (1 − e^{−L₀/n}), computed with `expm1` so that small
    /// differences keep their digits (`rms::lrm`'s `R2`, `fmsb::NagelkerkeR2`).
    public static func nagelkerkeR2(deviance: Double, nullDeviance: Double, count: Int) -> Double {
        let n = Double(count)
        return -expm1(-(nullDeviance - deviance) / n) / -expm1(-nullDeviance / n)
    }
}
