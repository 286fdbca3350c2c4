import ArgumentParser
import Foundation
import RiskKit

struct Prune: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "LD pruning of a PLINK 1 fileset, as plink2 --indep-pairwise: writes OUT.prune.in and OUT.prune.out.",
        discussion: """
            Keeps the same variants as plink2 --indep-pairwise WINDOW[kb] [STEP] R2 after the same QC flags: per \
            chromosome, in each sliding window, of two variants whose genotype r² (over founders called at both) \
            exceeds R2 the one with the lower minor allele frequency goes; variants without spread among the \
            founders go too; chromosome 0 is left out of both lists. `riskkit pca --indep-pairwise …` prunes and \
            computes the PCs on the kept variants in one run.
            """)

    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset prefix (PREFIX.bed, .bim, .fam).") var prefix: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @OptionGroup(title: "LD pruning") var pruning: PruningOptions
    @Option(help: "Output prefix: writes OUT.prune.in and OUT.prune.out (created owner-only).") var out: String
    @OptionGroup var threading: ThreadOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        try vcf.validate(bfile: prefix, required: true)
        if pruning.indepPairwise.isEmpty { throw ValidationError("prune needs --indep-pairwise WINDOW [STEP] R2") }
    }

    func run() throws {
        try runReportingErrors {
            let source = vcf.source(bfile: prefix)!
            let fileset = try source.openLogged()
            let selection = try qc.select(in: fileset)
            _ = try pruning.prune(fileset, selection, nonfounders: qc.nonfounders, threads: threading.threads, out: out)
        }
    }
}
