/// A condition whose 10-year outcome `riskkit simulate` can draw for each individual of a cohort.
///
/// `cvd` is the base cohort and is always simulated; its columns come first and do not change when other
/// conditions are added. Each further condition appends its columns after them (see ``columns``), followed once by
/// the care-record columns (``CohortSimulation/recordColumns``), all drawn from a random stream of their own, so a
/// seed's CVD columns are byte-identical whichever conditions are chosen.
public enum SimulatedCondition: String, CaseIterable, Sendable, Codable {
    /// First cardiovascular event within 10 years (`cvd_10y`).
    case cvd
    /// Incident type 2 diabetes within 10 years (`t2d_10y`); empty for individuals with diabetes at baseline.
    case t2d
    /// Invasive breast cancer within 10 years (`breast_cancer_10y`); women only, empty for men.
    case breast

    /// The outcome column.
    public var outcome: String {
        switch self {
        case .cvd: "cvd_10y"
        case .t2d: "t2d_10y"
        case .breast: "breast_cancer_10y"
        }
    }

    /// The file in the output folder that holds this condition's true model.
    public var trueModelFile: String { self == .cvd ? "true-model.json" : "true-model-\(rawValue).json" }

    /// The columns this condition appends after the CVD cohort's, in order (none for `cvd`, whose columns are
    /// ``CohortSimulation/cohortColumns``).
    public var columns: [String] {
        switch self {
        case .cvd: []
        case .t2d: ["family_history_diabetes", "fasting_glucose", "t2d_10y"]
        case .breast: ["family_history_breast", "parity", "breast_density", "breast_cancer_10y"]
        }
    }

    /// Who has an outcome: the others' outcome cell is empty (not applicable), and training skips their rows as
    /// rows with a missing outcome.
    public var appliesTo: String? {
        switch self {
        case .cvd: nil
        case .t2d: "individuals without diabetes at baseline (diabetes = 0); prevalent cases have an empty t2d_10y"
        case .breast: "women (sex = F); men have an empty breast_cancer_10y"
        }
    }

    /// The true effects of the condition's logistic model (log odds per unit, or per level against the
    /// reference), shared by every seed. For `cvd` see ``CohortSimulation/clinicalEffects``.
    public var trueEffects: [TrueEffect] {
        switch self {
        case .cvd: CohortSimulation.clinicalEffects
        case .t2d: [
            TrueEffect(name: "age", coefficient: 0.035, center: 55),
            TrueEffect(name: "bmi", coefficient: 0.11, center: 27),
            TrueEffect(name: "family_history_diabetes", coefficient: 0.65, center: 0),
            TrueEffect(name: "hba1c", coefficient: 1.8, center: 5.4),
            TrueEffect(name: "fasting_glucose", coefficient: 0.03, center: 95),
            TrueEffect(name: "activity_min_week", coefficient: -0.002, center: 150),
        ]
        case .breast: [
            TrueEffect(name: "age", coefficient: 0.025, center: 55),
            TrueEffect(name: "family_history_breast", coefficient: 0.55, center: 0),
            TrueEffect(name: "brca1", coefficient: 2.3, center: 0),
            TrueEffect(name: "brca2", coefficient: 1.9, center: 0),
            TrueEffect(name: "parity", coefficient: -0.1, center: 2),
            TrueEffect(name: "breast_density=b", coefficient: 0.35, center: 0),
            TrueEffect(name: "breast_density=c", coefficient: 0.7, center: 0),
            TrueEffect(name: "breast_density=d", coefficient: 1.0, center: 0),
            TrueEffect(name: "alcohol_drinks_week", coefficient: 0.012, center: 5),
            TrueEffect(name: "bmi", coefficient: 0.02, center: 27),
            TrueEffect(name: "activity_min_week", coefficient: -0.001, center: 150),
        ]
        }
    }

    /// Intercept of the condition's true logistic model.
    public var trueIntercept: Double {
        switch self {
        case .cvd: CohortSimulation.trueIntercept
        case .t2d: -2.8
        case .breast: -4.1
        }
    }
}
