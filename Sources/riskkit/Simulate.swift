import ArgumentParser
import Foundation
import RiskKit

struct Simulate: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a seeded synthetic cohort (covariates, genotype dosages, outcome) and its true model.",
        discussion: """
            Writes DIR/cohort.csv (id, lifestyle and clinical covariates, outcome cvd_10y), the genotypes, \
            DIR/true-model.json (the generating model) and DIR/data-dictionary.md. Genotypes go to \
            DIR/genotypes.csv (id and SNP dosages 0/1/2) or, with --genotypes plink, to the PLINK 1 fileset \
            DIR/cohort.bed/.bim/.fam (FID = IID = id, .fam sex from the cohort, phenotype cvd_10y as 2 case, \
            1 control, -9 missing; A1 = the effect allele A, A2 = G; chromosome 1, one SNP every 10 kb, no LD). \
            Two seeds with the same --snps give two samples of the same population. --conditions cvd,t2d,breast \
            adds, after those columns, the columns and outcomes of 10-year type 2 diabetes (t2d_10y, empty for \
            prevalent diabetes) and breast cancer (breast_cancer_10y, women only, empty for men), then carrier \
            flags (brca1, brca2, lynch) and last-test dates, from a random stream of their own (the CVD columns \
            are unchanged), and writes each one's true model to DIR/true-model-CONDITION.json. The data are \
            synthetic.
            """)

    @Option(help: "Number of individuals.") var individuals: Int
    @Option(help: "Number of SNPs.") var snps: Int
    @Option(help: "Random seed.") var seed: UInt64
    @Option(help: "Output folder (created if missing).") var out: String
    @Option(name: .customLong("causal-snps"), help: "Number of causal SNPs, evenly spread (default: every 10th SNP).")
    var causalSNPs: Int?
    @Option(name: .customLong("genetic-sd"), help: "SD of the genetic score on the log-odds scale.")
    var geneticSD = CohortSimulation.defaultGeneticSD
    @Option(help: "Number of ancestral populations (allele frequencies drift apart, F_ST 0.05); adds a `population` column.")
    var populations = 1
    @Option(help: "Genotype output: csv (genotypes.csv) or plink (cohort.bed/.bim/.fam).") var genotypes: GenotypeFormat = .csv

    @Option(help: "Conditions to simulate (comma-separated: cvd, t2d, breast); cvd is always simulated.",
            transform: conditionList)
    var conditions: Set<SimulatedCondition> = [.cvd]

    enum GenotypeFormat: String, ExpressibleByArgument, CaseIterable { case csv, plink }

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        guard individuals > 0 else { throw ValidationError("--individuals must be at least 1") }
        guard snps >= 0 else { throw ValidationError("--snps must not be negative") }
        if let causalSNPs, !(0...snps).contains(causalSNPs) { throw ValidationError("--causal-snps must lie between 0 and --snps") }
        guard populations >= 1 else { throw ValidationError("--populations must be at least 1") }
        guard geneticSD >= 0, geneticSD.isFinite else { throw ValidationError("--genetic-sd must be a non-negative number") }
    }

    func run() throws {
        try runReportingErrors {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw OutputFileError(path: out, reason: "cannot create the folder")
            }
            var plan = CohortSimulation(individuals: individuals, snps: snps, seed: seed, causalSNPs: causalSNPs, geneticSD: geneticSD)
            plan.populations = populations
            plan.conditions = conditions.union([.cvd])
            let cohort = try AtomicFileWriter(path: out + "/cohort.csv")
            try cohort.write(plan.columns.joined(separator: ",") + "\n")
            let sink = try GenotypeSink(format: genotypes, folder: out, individuals: individuals, panel: plan.panel)
            var cohortBuffer = ""
            var lastCohortRow = ""
            let truths = try plan.run(
                cohortRow: { line in
                    lastCohortRow = line
                    cohortBuffer += line + "\n"
                    if cohortBuffer.utf8.count > 1 << 20 { try cohort.write(cohortBuffer); cohortBuffer = "" }
                },
                genotypeRow: { id, dosages in try sink.append(id: id, dosages: dosages, cohortRow: lastCohortRow) })
            try cohort.write(cohortBuffer)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let truth = truths[0]
            let others = Array(truths.dropFirst())
            for (condition, model) in zip(SimulatedCondition.allCases.filter(plan.conditions.contains), truths) {
                try AtomicFile.write(Array(try encoder.encode(model)) + [10], to: out + "/" + condition.trueModelFile)
            }
            try AtomicFile.write(Array(DataDictionary.markdown(truth: truth, conditions: others).utf8),
                                 to: out + "/data-dictionary.md")
            try cohort.commit()
            try sink.commit()
            log.info("simulated \(individuals) individuals, \(snps) SNPs, event rate \(String(format: "%.3f", truth.eventRate)) → \(out)")
        }
    }
}

/// Parses `--conditions`: a comma-separated list of condition names.
private func conditionList(_ s: String) throws -> Set<SimulatedCondition> {
    Set(try commaList(s).map { name in
        guard let condition = SimulatedCondition(rawValue: name) else {
            let known = SimulatedCondition.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown condition `\(name)`; use \(known)")
        }
        return condition
    })
}
