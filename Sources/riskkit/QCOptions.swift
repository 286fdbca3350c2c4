import ArgumentParser
import RiskKit

/// plink2's sample and variant selection and QC flags, shared by every command that reads a PLINK fileset.
struct QCOptions: ParsableArguments {
    @Option(help: "Keep only samples named in this file (lines `FID IID` or `IID`; repeatable).") var keep: [String] = []
    @Option(help: "Remove samples named in this file (repeatable).") var remove: [String] = []
    @Option(help: "Keep only variants named in this file (whitespace-separated IDs; repeatable).") var extract: [String] = []
    @Option(help: "Remove variants named in this file (repeatable).") var exclude: [String] = []
    @Option(help: "Remove samples whose missing call rate exceeds this.") var mind: Double?
    @Option(help: "Remove variants whose missing call rate exceeds this.") var geno: Double?
    @Option(help: "Remove variants with Hardy–Weinberg exact test p below this.") var hwe: Double?
    @Flag(name: .customLong("hwe-midp"), help: "Use the mid-p Hardy–Weinberg test (plink2 --hwe … midp).") var hweMidp = false
    @Option(help: "Remove variants with minor allele frequency below this.") var maf: Double?
    @Flag(help: "Use all samples, not only founders, for allele frequencies (QC, HWE and mean imputation).")
    var nonfounders = false

    func validate() throws {
        for (name, value) in [("--mind", mind), ("--geno", geno), ("--hwe", hwe), ("--maf", maf)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must lie between 0 and 1") }
        }
    }

    /// Applies the filters in plink2's order, logging what each removed (counts only) and what remains.
    /// `modelsChromosomeX`: the command handles chromosome X like plink2 (gwas: sex covariate; freq and prs score:
    /// males haploid in allele frequencies), so only Y, MT and the X HWE test are warned about.
    func select(in fileset: PlinkFileset, modelsChromosomeX: Bool = false) throws -> GenotypeSelection {
        var filters = QCFilters()
        filters.keep = keep
        filters.remove = remove
        filters.extract = extract
        filters.exclude = exclude
        filters.mind = mind
        filters.geno = geno
        filters.hwe = hwe
        filters.hweMidp = hweMidp
        filters.maf = maf
        filters.nonfounders = nonfounders
        let (selection, report) = try filters.apply(to: fileset)
        for line in report.lines { log.info("\(line)") }
        log.info("\(selection.samples.count) samples and \(selection.variants.count) variants remain")
        let haploid = selection.variants.filter {
            fileset.variants[$0].isHaploidInMales && !(modelsChromosomeX && fileset.variants[$0].isChromosomeX)
        }.count
        if haploid > 0 {
            log.warning("""
                \(haploid) variants on chromosomes \(modelsChromosomeX ? "Y or MT" : "X, Y or MT") are treated like \
                autosomes (diploid calls, males not haploid), unlike plink2; leave them out with --exclude or --extract \
                to match it
                """)
        }
        if modelsChromosomeX, hwe != nil, selection.variants.contains(where: { fileset.variants[$0].isChromosomeX }) {
            log.warning("""
                --hwe tests chromosome X variants as diploid (plink2 uses the Graffelman–Weir test with haploid males \
                there); add --exclude for them to match it
                """)
        }
        return selection
    }
}
