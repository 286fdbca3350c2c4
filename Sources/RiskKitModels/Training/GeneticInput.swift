/// A polygenic score to add to a model as one more feature, joined to the training rows by id.
public struct GeneticInput: Sendable {
    /// The feature name (default `prs`); must not be a column of the data.
    public var feature: String
    /// Score per individual id (`.fam` IID), on ``scale``.
    public var scores: [String: Double]
    /// The score's definition, embedded in the trained model (with its ancestry reference for an adjusted scale).
    public var score: PolygenicScoreModel
    /// The scale of ``scores``, recorded in the trained model.
    public var scale: PolygenicScoreScale

    /// Creates the input.
    public init(feature: String = "prs", scores: [String: Double], score: PolygenicScoreModel,
                scale: PolygenicScoreScale = .raw) {
        self.feature = feature
        self.scores = scores
        self.score = score
        self.scale = scale
    }
}
