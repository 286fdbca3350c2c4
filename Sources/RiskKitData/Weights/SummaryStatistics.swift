
/// Per-variant association results (GWAS summary statistics), the input of a clumping-and-thresholding score.
public struct SummaryStatistics: Sendable, Equatable {
    /// One variant's result.
    public struct Entry: Sendable, Equatable {
        /// Variant id.
        public var id: String
        /// The allele the effect is for (plink's A1).
        public var effectAllele: String
        /// Log odds ratio (or linear effect) per copy of the effect allele.
        public var beta: Double
        /// p-value of the test.
        public var p: Double
        /// 1-based line in the file.
        public var line: Int

        /// Creates an entry.
        public init(id: String, effectAllele: String, beta: Double, p: Double, line: Int) {
            self.id = id
            self.effectAllele = effectAllele
            self.beta = beta
            self.p = p
            self.line = line
        }
    }

    /// The file read.
    public var file: String
    /// The column names used: id, effect allele, effect, p.
    public var columns: [String]
    /// Results with an estimate and a p-value, in file order.
    public var entries: [Entry]
    /// Lines without a result (`NA` estimate or p-value, as for plink2's `ERRCODE` lines).
    public var withoutResult: Int
    /// Lines of other tests than the additive one (plink's `TEST` column other than `ADD`).
    public var otherTests: Int

    /// Creates the statistics.
    public init(file: String, columns: [String], entries: [Entry], withoutResult: Int, otherTests: Int) {
        self.file = file
        self.columns = columns
        self.entries = entries
        self.withoutResult = withoutResult
        self.otherTests = otherTests
    }
}
