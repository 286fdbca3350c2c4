
/// Polygenic scores of the selected samples, with the columns of plink2's `--score … cols=+scoresums` report.
public struct PolygenicScoreResult: Sendable, Equatable {
    /// One sample's score.
    public struct Sample: Sendable, Equatable {
        /// The sample's `.fam` index.
        public var sample: Int
        /// `ALLELE_CT`: 2 × the sample's non-missing calls over the scored variants.
        public var alleleCount: Int
        /// `NAMED_ALLELE_DOSAGE_SUM`: copies of the weighted (named) alleles over the non-missing calls.
        public var namedAlleleDosageSum: Double
        /// `SCORE_SUM`: Σ weight × named-allele dosage (missing calls mean-imputed or left out).
        public var scoreSum: Double
        /// `SCORE_AVG`: `scoreSum` / (2 × scored variants) with mean imputation, / `alleleCount` without it
        /// (`NaN` when that denominator is 0).
        public var scoreAverage: Double

        /// Creates a sample's score.
        public init(sample: Int, alleleCount: Int, namedAlleleDosageSum: Double, scoreSum: Double, scoreAverage: Double) {
            self.sample = sample
            self.alleleCount = alleleCount
            self.namedAlleleDosageSum = namedAlleleDosageSum
            self.scoreSum = scoreSum
            self.scoreAverage = scoreAverage
        }
    }

    /// One entry per selected sample, in `.fam` order.
    public var samples: [Sample]
    /// Number of variants that entered the score.
    public var variantCount: Int
    /// Whether missing calls were mean-imputed.
    public var meanImputation: Bool

    /// Creates a result.
    public init(samples: [Sample], variantCount: Int, meanImputation: Bool) {
        self.samples = samples
        self.variantCount = variantCount
        self.meanImputation = meanImputation
    }
}
