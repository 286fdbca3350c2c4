/// A human reference genome assembly, the coordinate system of chromosome positions.
public enum GenomeBuild: String, Sendable, Equatable, CaseIterable {
    /// NCBI36 (hg18).
    case ncbi36 = "NCBI36"
    /// GRCh37 (hg19).
    case grch37 = "GRCh37"
    /// GRCh38 (hg38).
    case grch38 = "GRCh38"

    /// The build a header or setting names, case-insensitively (`GRCh37`/`hg19`, `GRCh38`/`hg38`, `NCBI36`/`hg18`);
    /// nil for anything else, such as PGS Catalog's `NR` (not reported).
    public init?(declared text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "grch37", "hg19": self = .grch37
        case "grch38", "hg38": self = .grch38
        case "ncbi36", "hg18": self = .ncbi36
        default: return nil
        }
    }
}
