/// One variant of a PLINK 1 fileset: a line of the `.bim` file.
///
/// `allele1` (column 5) is the counted allele: PLINK 2 calls it ALT and `allele2` REF.
public struct PlinkVariant: Sendable, Equatable {
    /// Chromosome code as written (`1`, `X`, `chr2`, …).
    public var chromosome: String
    /// Variant ID (column 2).
    public var id: String
    /// Genetic position in centimorgans (column 3; 0 when unknown).
    public var centimorgans: Double
    /// Base-pair coordinate (column 4).
    public var position: Int
    /// Allele 1, the counted allele (ALT in PLINK 2; `.` or `0` when the variant is monomorphic).
    public var allele1: String
    /// Allele 2 (REF in PLINK 2).
    public var allele2: String

    /// Creates a variant record.
    public init(chromosome: String, id: String, centimorgans: Double = 0, position: Int,
                allele1: String, allele2: String) {
        self.chromosome = chromosome
        self.id = id
        self.centimorgans = centimorgans
        self.position = position
        self.allele1 = allele1
        self.allele2 = allele2
    }

    /// Whether the chromosome is X, Y or mitochondrial (`X`/`23`, `Y`/`24`, `MT`/`M`/`26`, with or without a `chr`
    /// prefix), where PLINK codes male (or all) genotypes as haploid. The pseudo-autosomal `XY`/`25` is diploid.
    public var isHaploidInMales: Bool {
        var code = chromosome.uppercased()
        if code.hasPrefix("CHR") { code.removeFirst(3) }
        return ["X", "23", "Y", "24", "MT", "M", "26"].contains(code)
    }

    /// Whether the chromosome is X (`X`, `23`, with or without a `chr` prefix), not the pseudo-autosomal `XY`/`25`.
    public var isChromosomeX: Bool {
        var code = chromosome.uppercased()
        if code.hasPrefix("CHR") { code.removeFirst(3) }
        return code == "X" || code == "23"
    }
}
