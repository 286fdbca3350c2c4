/// The site columns of one biallelic VCF record, mapped to PLINK 1 as plink2 `--vcf … --make-bed` does.
package struct VCFVariant: Sendable, Equatable {
    /// `#CHROM`, normalized as plink2 writes it to a `.bim` (``VCFVariant/plinkChromosome(_:)``).
    package var chromosome: String
    /// `POS`.
    package var position: Int
    /// `ID` as written (`.` stays `.`, as plink2 keeps it).
    package var id: String
    /// `REF`: PLINK allele 2.
    package var reference: String
    /// `ALT` (a single allele, `.` for a monomorphic site): PLINK allele 1, the counted allele.
    package var alternate: String

    /// The `.bim` record: A1 = ALT, A2 = REF, 0 cM.
    package var plinkVariant: PlinkVariant {
        PlinkVariant(chromosome: chromosome, id: id, position: position, allele1: alternate, allele2: reference)
    }

    /// A VCF chromosome name as plink2 writes it: a `chr` prefix dropped, numeric 23/24/25/26 as X/Y/XY/MT and M as
    /// MT; other names unchanged.
    package static func plinkChromosome(_ name: String) -> String {
        var code = Substring(name)
        if code.count > 3, code.prefix(3).lowercased() == "chr" { code = code.dropFirst(3) }
        switch code.uppercased() {
        case "23", "X": return "X"
        case "24", "Y": return "Y"
        case "25", "XY": return "XY"
        case "26", "M", "MT": return "MT"
        default: return String(code)
        }
    }
}
