import RiskKitScoring
import RiskKitModels
import RiskKitStatistics
import RiskKitData

/// A held-out file's observed outcomes and the scorer's predicted risks, row by row, ready for
/// ``EvaluationReport`` and, for a model with a polygenic score, ``GeneticEvaluation``.
public struct HeldOutPredictions: Sendable {
    /// 1 (event) or 0 for each row with a known outcome, in file order.
    public var outcomes: [Double] = []
    /// The model's risk for each of those rows.
    public var predicted: [Double] = []
    /// The model's linear predictor (log odds) for each of those rows.
    public var linearPredictors: [Double] = []
    /// The rows with genotypes (for a scorer with genotype scores): outcome, risk with and without the score
    /// (the model refitted without it), that model's linear predictor, and the raw score.
    public var genetic = GeneticColumns()
    /// Rows left out because their outcome is missing.
    public var skipped = 0

    /// The per-row columns behind ``GeneticEvaluation``.
    public struct GeneticColumns: Sendable {
        public var outcome: [Double] = []
        public var riskWith: [Double] = []
        public var riskWithout: [Double] = []
        public var linearPredictorWithout: [Double] = []
        public var scores: [Double] = []
    }

    /// Opens the held-out CSV file at `path` for `model`, checking that it has the model's outcome column.
    /// - Throws: ``InputFileError`` when the file cannot be read; ``DataError`` naming the file for a missing
    ///   feature or outcome column.
    public static func open(path: String, model: RiskModel) throws -> PatientFile {
        let file = try PatientFile(path: path, model: model)
        guard file.reader.header.contains(model.outcome.column) else {
            throw DataError(file: path, line: 1, column: model.outcome.column, "outcome column not found")
        }
        return file
    }

    /// Scores every row of `file` (opened with ``open(path:model:)``) with `scorer` and reads its outcome (the
    /// model's outcome column: its positive or negative label, as text or as the same number).
    /// - Throws: ``DataError`` naming the file and line when an outcome is neither label or a row does not score.
    public init(file: PatientFile, scorer: PatientScorer) throws {
        let model = scorer.model
        let definition = model.outcome
        let path = file.reader.name
        try file.forEachPatient { row in
            let label = row.values[definition.column] ?? .missing
            if label.isMissing {
                skipped += 1
                return
            }
            let y = try Self.outcome(label, definition: definition, file: path, line: row.line)
            do {
                let (score, encoded) = try scorer.scoreAndEncoding(row)
                predicted.append(score.risk)
                linearPredictors.append(score.linearPredictor)
                if let prs = scorer.genotypeScores?.score(for: row.id),
                   let eta = model.linearPredictorWithoutGenetics(encoded: encoded) {
                    genetic.outcome.append(y)
                    genetic.riskWith.append(score.risk)
                    genetic.riskWithout.append(RiskModel.probability(linearPredictor: eta))
                    genetic.linearPredictorWithout.append(eta)
                    genetic.scores.append(prs)
                }
            } catch var error as DataError {
                error.file = path
                throw error
            }
            outcomes.append(y)
        }
    }

    /// Discrimination and calibration over the rows with an outcome.
    public func report() throws -> EvaluationReport {
        try EvaluationReport(outcome: outcomes, predicted: predicted)
    }

    /// What the polygenic score adds, over the rows with genotypes.
    public func geneticReport() throws -> GeneticEvaluation {
        try GeneticEvaluation(
            outcome: genetic.outcome, riskWith: genetic.riskWith, riskWithout: genetic.riskWithout,
            linearPredictorWithout: genetic.linearPredictorWithout, scores: genetic.scores)
    }

    /// 1 for the positive label, 0 for the negative one (each as text or as the same number).
    private static func outcome(_ label: FieldValue, definition: OutcomeDefinition, file: String, line: Int?) throws -> Double {
        let text = label.description
        if text == definition.positiveLabel || label.number.map({ $0 == Double(definition.positiveLabel) }) == true {
            return 1
        }
        if text == definition.negativeLabel || label.number.map({ $0 == Double(definition.negativeLabel) }) == true {
            return 0
        }
        throw DataError(
            file: file, line: line, column: definition.column,
            "outcome `\(text)` is neither `\(definition.positiveLabel)` nor `\(definition.negativeLabel)`")
    }
}
