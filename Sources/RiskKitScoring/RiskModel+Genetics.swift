import RiskKitModels
import RiskKitData

extension RiskModel {
    /// The linear predictor of the model refitted without its polygenic score (``GeneticComponent``), for one
    /// patient; nil for a model without genetics.
    /// - Throws: ``DataError`` as ``score(_:)``.
    public func linearPredictorWithoutGenetics(_ input: PatientInput) throws -> Double? {
        guard let genetics else { return nil }
        let row: [Double]
        do {
            row = try schema.encodeRow(input.cells)
        } catch var error as DataError {
            error.line = error.line ?? input.line
            throw error
        }
        var eta = genetics.coefficientsWithoutScore[0]
        for (j, x) in row.enumerated() { eta += genetics.coefficientsWithoutScore[j + 1] * x }
        return eta
    }
}
