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
    /// The type the weights were read as, once ``convertToLogScale(given:)`` has put them on the log scale.
    public var weightType: WeightType? = nil
}

/// One weighted allele.
public struct WeightEntry: Sendable, Equatable {
    /// Variant identifier (an rsID or the file's id), if given.
    public var id: String?
    /// Chromosome (without a `chr` prefix) as the file's authors gave it (`chr_name`), if given.
    public var chromosome: String?
    /// Base-pair position as the file's authors gave it (`chr_position`, in the header's `genome_build`), if given.
    public var position: Int?
    /// The PGS Catalog's harmonized chromosome (`hm_chr`), if given.
    public var harmonizedChromosome: String?
    /// The PGS Catalog's harmonized position (`hm_pos`, in the header's `HmPOS_build`), if given.
    public var harmonizedPosition: Int?
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

    /// The chromosome and position from the chosen columns, nil when they are not both given.
    public func coordinates(_ columns: PositionColumns) -> (chromosome: String, position: Int)? {
        let authored = chromosome.flatMap { c in position.map { (c, $0) } }
        let harmonized = harmonizedChromosome.flatMap { c in harmonizedPosition.map { (c, $0) } }
        switch columns {
        case .harmonizedOrAuthored: return harmonized ?? authored
        case .authored: return authored
        case .harmonized: return harmonized
        case .none: return nil
        }
    }
}

/// Which coordinates of a weight file match variants by position.
public enum PositionColumns: String, Sendable, Equatable {
    /// The harmonized `hm_chr`/`hm_pos` where given, else `chr_name`/`chr_position` (no build known to choose by).
    case harmonizedOrAuthored = "harmonized_or_authored"
    /// `chr_name`/`chr_position`, in the header's `genome_build`.
    case authored
    /// `hm_chr`/`hm_pos`, in the header's `HmPOS_build`.
    case harmonized
    /// None: variants are matched by id only (the positions are in another build than the genotypes).
    case none
}
