import ArgumentParser
import Foundation
import RiskKit

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a seeded synthetic cohort (covariates, genotype dosages, outcome) and its true model.",
        discussion: """
            Writes DIR/cohort.csv (id, lifestyle and clinical covariates, outcome cvd_10y), DIR/genotypes.csv \
            (id and SNP dosages 0/1/2), DIR/true-model.json (the generating model) and DIR/data-dictionary.md. \
            Two seeds with the same --snps give two samples of the same population. The data are synthetic.
            """)

    @Option(help: "Number of individuals.") var individuals: Int
    @Option(help: "Number of SNPs.") var snps: Int
    @Option(help: "Random seed.") var seed: UInt64
    @Option(help: "Output folder (created if missing).") var out: String

    func validate() throws {
        guard individuals > 0 else { throw ValidationError("--individuals must be at least 1") }
        guard snps >= 0 else { throw ValidationError("--snps must not be negative") }
    }

    func run() throws {
        try runReportingErrors {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw OutputFileError(path: out, reason: "cannot create the folder")
            }
            let plan = CohortSimulation(individuals: individuals, snps: snps, seed: seed)
            let cohort = try AtomicFileWriter(path: out + "/cohort.csv")
            let genotypes = try AtomicFileWriter(path: out + "/genotypes.csv")
            try cohort.write(CohortSimulation.cohortColumns.joined(separator: ",") + "\n")
            try genotypes.write((["id"] + CohortSimulation.snpPanel(count: snps).map(\.id)).joined(separator: ",") + "\n")
            var cohortBuffer = "", genotypeBuffer = ""
            let truth = try plan.run(
                cohortRow: { line in
                    cohortBuffer += line + "\n"
                    if cohortBuffer.utf8.count > 1 << 20 { try cohort.write(cohortBuffer); cohortBuffer = "" }
                },
                genotypeRow: { line in
                    genotypeBuffer += line + "\n"
                    if genotypeBuffer.utf8.count > 1 << 20 { try genotypes.write(genotypeBuffer); genotypeBuffer = "" }
                })
            try cohort.write(cohortBuffer)
            try genotypes.write(genotypeBuffer)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(Array(try encoder.encode(truth)) + [10], to: out + "/true-model.json")
            try AtomicFile.write(Array(DataDictionary.markdown(truth: truth).utf8), to: out + "/data-dictionary.md")
            try cohort.commit()
            try genotypes.commit()
            Log.info("simulated \(individuals) individuals, \(snps) SNPs, event rate \(String(format: "%.3f", truth.eventRate)) → \(out)")
        }
    }
}
