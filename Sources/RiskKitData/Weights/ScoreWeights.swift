/// The weights of a polygenic score, read from a PLINK-style weight file or a PGS Catalog scoring file.
public struct ScoreWeights: Sendable, Equatable {
    /// Where the weights came from.
    public enum Source: String, Sendable, Equatable {
        /// Variant id, allele and weight columns (`plink2 --score`): matched by id and exact allele code.
        case plink
        /// PGS Catalog scoring file (format 2.0): matched by id or by chromosome, position and alleles.
        case pgsCatalog = "pgs-catalog"
    }

    /// The kind of file.
    public var source: Source
    /// The file name, for messages and reports.
    public var file: String
    /// Header metadata (`#key=value` lines of a PGS Catalog file, e.g. `pgs_id`, `genome_build`, `weight_type`).
    public var metadata: [String: String]
    /// One entry per weighted variant, in file order.
    public var entries: [WeightEntry]
}

/// One weighted allele.
public struct WeightEntry: Sendable, Equatable {
    /// Variant identifier (an rsID or the file's id), if given.
    public var id: String?
    /// Chromosome (without a `chr` prefix), if given.
    public var chromosome: String?
    /// Base-pair position, if given.
    public var position: Int?
    /// The allele whose dosage the weight multiplies.
    public var effectAllele: String
    /// The other allele, if given.
    public var otherAllele: String?
    /// The weight per copy of the effect allele.
    public var weight: Double
    /// 1-based line in the (decompressed) file.
    public var line: Int

    /// Creates an entry.
    public init(id: String?, chromosome: String?, position: Int?, effectAllele: String, otherAllele: String?, weight: Double, line: Int) {
        self.id = id
        self.chromosome = chromosome
        self.position = position
        self.effectAllele = effectAllele
        self.otherAllele = otherAllele
        self.weight = weight
        self.line = line
    }
}
