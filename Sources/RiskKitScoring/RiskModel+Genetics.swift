import RiskKitModels
import RiskKitData

extension RiskModel {
    /// The linear predictor of the model refitted without its polygenic score (``GeneticComponent``), for one
    /// patient; nil for a model without genetics.
    /// - Throws: ``DataError`` as ``score(_:)``.
    public func linearPredictorWithoutGenetics(_ input: PatientInput) throws -> Double? {
        guard genetics != nil else { return nil }
        return linearPredictorWithoutGenetics(encoded: try PatientScorer(model: self).scored(input, top: 0).encodedRow(0))
    }

    /// `c₀ + Σ c_j·x_j` with the coefficients refitted without the score, for a raw-scale encoded row; nil for a
    /// model without genetics.
    package func linearPredictorWithoutGenetics(encoded row: [Double]) -> Double? {
        guard let genetics else { return nil }
        var eta = genetics.coefficientsWithoutScore[0]
        for (j, x) in row.enumerated() { eta += genetics.coefficientsWithoutScore[j + 1] * x }
        return eta
    }
}
