
/// The identity of one genotyped variant as weight matching sees it (from a `.bim` line).
public struct VariantAlleles: Sendable, Equatable {
    /// Variant id (`.bim` column 2).
    public var id: String
    /// Chromosome code (without a `chr` prefix).
    public var chromosome: String
    /// Base-pair position.
    public var position: Int
    /// The counted allele (`.bim` column 5; PLINK 2's ALT).
    public var a1: String
    /// The other allele (`.bim` column 6; PLINK 2's REF).
    public var a2: String

    /// Creates a variant description.
    public init(id: String, chromosome: String, position: Int, a1: String, a2: String) {
        self.id = id
        self.chromosome = chromosome
        self.position = position
        self.a1 = a1
        self.a2 = a2
    }
}

extension PlinkVariant {
    /// This variant as weight matching sees it (a `chr` prefix on the chromosome is dropped).
    public var alleles: VariantAlleles {
        let u = chromosome.utf8
        let prefixed = u.count >= 3 && zip(u.prefix(3), "chr".utf8).allSatisfy { $0 | 0x20 == $1 }
        let c = prefixed ? String(chromosome.dropFirst(3)) : chromosome
        return VariantAlleles(id: id, chromosome: c, position: position, a1: allele1, a2: allele2)
    }
}
