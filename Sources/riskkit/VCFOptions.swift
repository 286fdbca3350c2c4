import ArgumentParser
import RiskKit

extension VCFHalfCall: ExpressibleByArgument {}

/// `--vcf FILE` and `--vcf-half-call`: the VCF alternative to a command's `--bfile PREFIX`, one option group for
/// every command that reads genotypes; ``source(bfile:)`` resolves the two into a ``GenotypeSource``.
struct VCFOptions: ParsableArguments {
    @Option(help: "VCF file (plain, gzip or bgzip; multi-sample) instead of --bfile: GT hard calls of biallelic variants, ALT counted, as plink2 --vcf … --make-bed.")
    var vcf: String?
    @Option(name: .customLong("vcf-half-call"), help: "How to read a half call such as ./1: error (plink2's default), missing, haploid or reference.")
    var halfCall: VCFHalfCall = .error

    /// Checks that at most one of `--bfile` and `--vcf` is given, and one exactly when `required`.
    func validate(bfile: String?, required: Bool) throws {
        if bfile != nil && vcf != nil { throw ValidationError("give --bfile PREFIX or --vcf FILE, not both") }
        if required && bfile == nil && vcf == nil { throw ValidationError("give the genotypes with --bfile PREFIX or --vcf FILE") }
    }

    /// The genotype source `--bfile PREFIX` or `--vcf FILE` names, nil when neither is given.
    func source(bfile: String?) -> GenotypeSource? {
        if let vcf { return .vcf(path: vcf, halfCall: halfCall) }
        return bfile.map { .plink(prefix: $0) }
    }
}

/// Where a command's genotypes come from: a PLINK 1 fileset or a VCF file read into one.
enum GenotypeSource: Sendable {
    /// `--bfile PREFIX`.
    case plink(prefix: String)
    /// `--vcf FILE`.
    case vcf(path: String, halfCall: VCFHalfCall)

    /// The flag that named the source (`--bfile` or `--vcf`), for messages.
    var flag: String {
        switch self {
        case .plink: "--bfile"
        case .vcf: "--vcf"
        }
    }

    /// The files named in log messages: `PREFIX.bed/.bim/.fam` or the VCF's path.
    var files: String {
        switch self {
        case .plink(let prefix): "\(prefix).bed/.bim/.fam"
        case .vcf(let path, _): path
        }
    }

    /// The file the variants were read from: `PREFIX.bim` or the VCF.
    var variantFile: String {
        switch self {
        case .plink(let prefix): prefix + ".bim"
        case .vcf(let path, _): path
        }
    }

    /// The genotype files a model's provenance records, by role: `bed` and `bim`, or `vcf`.
    var provenanceFiles: [(role: String, path: String)] {
        switch self {
        case .plink(let prefix): [("bed", prefix + ".bed"), ("bim", prefix + ".bim")]
        case .vcf(let path, _): [("vcf", path)]
        }
    }

    /// Opens the fileset; a VCF is streamed into a temporary PLINK 1 fileset (removed at once, see
    /// ``PlinkFileset/converting(vcf:halfCall:)``) and what it held and skipped is logged (counts only).
    func open() throws -> PlinkFileset {
        switch self {
        case .plink(let prefix):
            return try PlinkFileset(prefix: prefix)
        case .vcf(let path, let halfCall):
            let (fileset, report) = try PlinkFileset.converting(vcf: path, halfCall: halfCall)
            for line in report.lines(file: path, halfCall: halfCall) { log.info("\(line)") }
            return fileset
        }
    }

    /// ``open()``, then logs the fileset's sample and variant counts and where they came from.
    func openLogged() throws -> PlinkFileset {
        let fileset = try open()
        logCounts(of: fileset)
        return fileset
    }

    /// Logs `fileset`'s sample and variant counts and the files they came from.
    func logCounts(of fileset: PlinkFileset) {
        log.info("\(fileset.sampleCount) samples, \(fileset.variantCount) variants in \(files)")
    }
}
