/// What the numbers in a score's weight column are, as a PGS Catalog header declares them (`#weight_type=`).
///
/// A polygenic score sums log-scale effects. `beta`, `log(OR)` and `log(HR)` are log-scale already and are used as
/// they are; `OR` and `HR` are ratios, converted with the natural logarithm before they are summed.
public enum WeightType: String, Sendable, Equatable, CaseIterable {
    /// A regression coefficient (log-odds for a binary trait): used as it is.
    case beta
    /// A log odds ratio: used as it is.
    case logOddsRatio = "log(OR)"
    /// A log hazard ratio: used as it is.
    case logHazardRatio = "log(HR)"
    /// An odds ratio: its natural logarithm is used.
    case oddsRatio = "OR"
    /// A hazard ratio: its natural logarithm is used.
    case hazardRatio = "HR"

    /// The type a header or setting names, case-insensitively: `beta`, `log(OR)` (also `logOR`, `log_OR`),
    /// `log(HR)` (also `logHR`, `log_HR`), `OR`, `HR`; nil for anything else, such as PGS Catalog's `NR` (not
    /// reported).
    public init?(declared text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "(", with: "")
            .replacingOccurrences(of: ")", with: "")
        switch key {
        case "beta": self = .beta
        case "logor": self = .logOddsRatio
        case "loghr": self = .logHazardRatio
        case "or": self = .oddsRatio
        case "hr": self = .hazardRatio
        default: return nil
        }
    }

    /// Whether the weights are ratios, summed after taking their natural logarithm.
    public var isRatio: Bool { self == .oddsRatio || self == .hazardRatio }
}
