import RiskKit

/// A saved model and the rows of a held-out file with outcomes scored by it (`evaluate`, `recalibrate`); rows with a
/// missing outcome are skipped and the count logged.
struct ScoredHeldOutFile {
    let model: RiskModel
    let scorer: PatientScorer
    let rows: HeldOutPredictions

    /// Loads `model`, opens `data` (which must hold the outcome column) and scores every row, with genotypes from
    /// `genotypes` for a model with a polygenic score.
    init(model path: String, data: String, genotypes: GenotypeSource?) throws {
        model = try RiskModel.load(path: path)
        let file = try HeldOutPredictions.open(path: data, model: model)
        scorer = PatientScorer(model: model, genotypeScores: try GeneticScores.forModel(model, genotypes: genotypes))
        rows = try HeldOutPredictions(file: file, scorer: scorer)
        if rows.skipped > 0 { log.info("skipped \(rows.skipped) row\(rows.skipped == 1 ? "" : "s") with a missing outcome") }
    }
}
