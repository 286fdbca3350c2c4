/// A polygenic score to add to a model as one more feature, joined to the training rows by id.
public struct GeneticInput: Sendable {
    /// The feature name (default `prs`); must not be a column of the data.
    public var feature: String
    /// Raw score per individual id (`.fam` IID).
    public var scores: [String: Double]
    /// The score's definition, embedded in the trained model.
    public var score: PolygenicScoreModel

    /// Creates the input.
    public init(feature: String = "prs", scores: [String: Double], score: PolygenicScoreModel) {
        self.feature = feature
        self.scores = scores
        self.score = score
    }
}
