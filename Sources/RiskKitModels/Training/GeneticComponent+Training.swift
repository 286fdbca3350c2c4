import Foundation
import RiskKitStatistics
import RiskKitData

extension GeneticComponent {
    /// The component of a model fitted with the genetic feature: the score's training mean and SD, its odds ratio
    /// per SD (estimate and Wald CI scaled by the SD), and the same procedure refitted on the same rows without it.
    init(_ input: GeneticInput, values: [Double], full: TrainingProcedure.Result, procedure: TrainingProcedure,
         columns: [(name: String, column: RawColumn)], outcome: [Double], weights: [Double]?,
         interceptShift: Double) throws {
        let moments = PopulationMoments(values)
        let (mean, sd) = (moments.mean, moments.sd)
        let fullCoefficients = full.originalScaleCoefficients(interceptShift: interceptShift)
        guard let prs = fullCoefficients.first(where: { $0.name == input.feature }) else {
            preconditionFailure("the genetic feature is not among the model's columns")
        }
        let reduced = try procedure.run(columns: columns, outcome: outcome, weights: weights)
        var byName: [String: Double] = [:]
        for c in reduced.originalScaleCoefficients(interceptShift: interceptShift) { byName[c.name] = c.estimate }
        self.init(
            feature: input.feature, score: input.score, scale: input.scale, trainingMean: mean, trainingSD: sd,
            coefficientsWithoutScore: fullCoefficients.map { byName[$0.name] ?? 0 },
            oddsRatioPerSD: OddsRatio(estimate: exp(prs.estimate * sd), ciLow: prs.ciLow.map { exp($0 * sd) },
                                      ciHigh: prs.ciHigh.map { exp($0 * sd) }))
    }
}
