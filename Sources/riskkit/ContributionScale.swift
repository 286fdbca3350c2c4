import ArgumentParser

/// How `score` shows each factor's contribution in table and CSV output (JSON always holds the log odds).
enum ContributionScale: String, ExpressibleByArgument, CaseIterable {
    /// Log odds relative to an average patient in the training data (`+0.52`).
    case logOdds = "log-odds"
    /// Odds ratio against that average patient, e^contribution (`×1.68`).
    case oddsRatio = "odds-ratio"
}
