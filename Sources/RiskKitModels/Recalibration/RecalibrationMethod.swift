/// How `riskkit recalibrate` updates a model on new data, the first two updates of Vergouwe et al.'s closed
/// testing procedure (2017): the coefficients' relative sizes stay, the linear predictor η is mapped to a + b·η.
public enum RecalibrationMethod: String, Codable, Sendable, CaseIterable {
    /// Recalibration in the large: a new intercept, `logit p' = a + η` (R: `glm(y ~ offset(lp), binomial)`).
    case intercept
    /// Logistic recalibration: `logit p' = a + b·η` (R: `glm(y ~ lp, binomial)`); every coefficient is scaled by b
    /// and the intercept becomes a + b·β₀.
    case slope
}
