extension DataError {
    /// What a ``DataError`` reports, as a number a caller maps to its own words and status (the command-line tool
    /// maps codes to exit statuses and to the flag a user should change), in the manner of SQLite's result codes.
    ///
    /// The least significant 8 bits are the primary code (``invalidData`` or ``invalidSetting``); extended codes
    /// add the specific problem above them. A primary code matches its extended codes in a `switch`:
    ///
    /// ```swift
    /// switch error.code {
    /// case .positiveLabelNotFound: // that setting
    /// case .invalidSetting:        // any other setting
    /// default:                     // bad data
    /// }
    /// ```
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The raw code: primary code in the low 8 bits, the extension above.
        public let rawValue: Int32

        /// Creates a code from its raw value.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The primary code (the low 8 bits).
        public var primary: Code { Code(rawValue: rawValue & 0xFF) }

        /// Primary codes match themselves and their extended codes; extended codes match only themselves.
        public static func ~= (pattern: Code, code: Code) -> Bool {
            pattern == pattern.primary ? pattern == code.primary : pattern == code
        }

        public var description: String { "\(rawValue)" }

        private static func extending(_ primary: Code, _ n: Int32) -> Code { Code(rawValue: primary.rawValue | n << 8) }

        // MARK: Primary codes

        /// Input data whose content cannot be used (the default).
        public static let invalidData = Code(rawValue: 1)
        /// A setting (an option value) that is out of range or does not fit the data.
        public static let invalidSetting = Code(rawValue: 2)

        // MARK: Bad data

        /// A feature takes one value in every row: leave the column out.
        public static let constantFeature = extending(invalidData, 1)
        /// A covariate takes one value over the samples in a regression: leave it out.
        public static let constantCovariate = extending(invalidData, 2)
        /// A cell of a column that is mostly numbers is not a number: fix it, or declare the column categorical.
        public static let nonNumericCell = extending(invalidData, 3)
        /// A two-label outcome with no recognized event label: say which label is the event.
        public static let eventLabelUnknown = extending(invalidData, 4)
        /// Too few score weights match the genotyped variants: check the inputs, or accept a smaller overlap.
        public static let weightOverlapTooSmall = extending(invalidData, 5)
        /// A patient's value lies outside the policy's plausible range for the field: correct the value.
        public static let implausibleValue = extending(invalidData, 6)
        /// A patient's field name is not one the model or the policy knows: correct the name.
        public static let unknownField = extending(invalidData, 7)
        /// The policy was written for another outcome or horizon than the model predicts: pick the matching
        /// policy, or apply it anyway on purpose.
        public static let policyModelMismatch = extending(invalidData, 8)

        /// A score's weight file does not say whether its weights are log-scale effects or ratios: say which.
        public static let weightTypeUnknown = extending(invalidData, 9)
        /// Weights that can only be matched by position are in another genome build than the genotypes: use a file
        /// (or harmonized columns) in the genotypes' build, or say which build the genotypes are in.
        public static let genomeBuildMismatch = extending(invalidData, 10)
        // MARK: Settings

        /// The positive (event) label is not one of the outcome's values.
        public static let positiveLabelNotFound = extending(invalidSetting, 1)
        /// The identifier column needed to join genotypes is not set or not in the data.
        public static let identifierColumnNotFound = extending(invalidSetting, 2)
        /// The elastic-net mixing α is outside [0, 1].
        public static let mixingOutOfRange = extending(invalidSetting, 3)
        /// A penalized fit was asked for without a penalty weight λ or a cross-validation fold count.
        public static let penaltyWeightMissing = extending(invalidSetting, 4)
        /// The sample missing call rate threshold is outside [0, 1].
        public static let sampleMissingRateOutOfRange = extending(invalidSetting, 5)
        /// The clumping r² threshold is outside [0, 1).
        public static let clumpR2OutOfRange = extending(invalidSetting, 6)
        /// The clumping window is negative or too large.
        public static let clumpWindowOutOfRange = extending(invalidSetting, 7)
        /// The clumping index p-value threshold is outside (0, 1].
        public static let clumpIndexPOutOfRange = extending(invalidSetting, 8)
        /// The clumping member p-value threshold is below the index threshold or above 1.
        public static let clumpMemberPOutOfRange = extending(invalidSetting, 9)
        /// The variant missing call rate threshold is outside [0, 1].
        public static let variantMissingRateOutOfRange = extending(invalidSetting, 10)
        /// The Hardy–Weinberg p-value threshold is outside [0, 1].
        public static let hardyWeinbergPOutOfRange = extending(invalidSetting, 11)
        /// The minor allele frequency threshold is outside [0, 1].
        public static let minorAlleleFrequencyOutOfRange = extending(invalidSetting, 12)
        /// A training setting names a feature (required, optional, applicable range) that the model does not have.
        public static let featureNotFound = extending(invalidSetting, 13)
        /// An applicable range was set for a feature that is not numeric.
        public static let applicableRangeNotNumeric = extending(invalidSetting, 14)
        /// A population level was declared (`--applicable sex=F`) that no training row holds.
        public static let populationLevelNotFound = extending(invalidSetting, 15)
    }
}
