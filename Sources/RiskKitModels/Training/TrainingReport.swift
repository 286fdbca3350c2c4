
/// The result of ``ModelTrainer/train(dataPath:options:date:)``: the model and what the analyst should know.
public struct TrainingReport: Sendable {
    /// The trained model, ready to write.
    public var model: RiskModel
    /// Notes for the log: skipped rows, imputation, λ selection (never patient identifiers or values).
    public var notes: [String]
}
