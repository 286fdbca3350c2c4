/// The complete (before any cell is blanked) values of one simulated individual's CVD-cohort columns that the
/// other conditions' true models and care records read.
package struct BaselineIndividual: Sendable {
    /// Age at baseline, whole years.
    package var age: Double
    /// Whether the individual is male (`sex` = M).
    package var male: Bool
    /// Body-mass index, kg/m².
    package var bmi: Double
    /// Diagnosed diabetes at baseline.
    package var diabetes: Bool
    /// Glycated haemoglobin, %.
    package var hba1c: Double
    /// Moderate-equivalent physical activity, minutes/week.
    package var activity: Double
    /// Standard drinks per week.
    package var drinks: Double
}
