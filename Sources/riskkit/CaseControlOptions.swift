import ArgumentParser
import RiskKit

/// The case/control phenotype and covariates of a PLINK fileset, with plink2's flags (shared by gwas and prs build).
struct CaseControlOptions: ParsableArguments {
    @Option(help: "Phenotype file: PLINK 2 layout (header `#FID IID …` or `#IID …`) or a RiskKit CSV (0/1 or a two-level label, as train's outcome); default: .fam column 6.")
    var pheno: String?
    @Option(name: .customLong("pheno-name"), help: "Phenotype column to use (default: the file's first).") var phenoName: String?
    @Flag(name: .customLong("1"), help: "Phenotypes are coded 0 control, 1 case (plink2 --1).") var zeroOneCoding = false
    @Option(help: "Covariate file: PLINK 2 layout (header `#FID IID …` or `#IID …`, whitespace-separated) or a RiskKit CSV; text columns become indicators as in train.")
    var covar: String?
    @Option(name: .customLong("covar-name"), help: "Comma-separated covariates to use (default: every column of --covar).")
    var covarName: String?
    @Option(name: .customLong("id"), help: "Sample id column of CSV --pheno/--covar files, matched to the .fam IID (default: IID, else id).")
    var idColumn: String?

    func validate() throws {
        if phenoName != nil && pheno == nil { throw ValidationError("--pheno-name needs --pheno") }
        if covarName != nil && covar == nil { throw ValidationError("--covar-name needs --covar") }
        if idColumn != nil && pheno == nil && covar == nil { throw ValidationError("--id names the id column of a CSV --pheno or --covar") }
    }

    /// The design over `samples`, logging cases, controls and the samples left out.
    func design(fileset: PlinkFileset, samples: SampleSubset) throws -> CaseControlDesign {
        var phenotype = CaseControlDesign.Phenotype.fam
        if let pheno {
            let table = try SampleValueTable(path: pheno, defaultPrefix: "PHENO", idColumn: idColumn)
            phenotype = .file(table, column: phenoName ?? table.columns[0])
        }
        let covariates = try covar.map { try SampleValueTable(path: $0, defaultPrefix: "COVAR", idColumn: idColumn) }
        let names = covarName.map { $0.split(separator: ",").map(String.init) }
        let design = try CaseControlDesign(
            fileset: fileset, selected: samples, phenotype: phenotype, zeroOneCoding: zeroOneCoding,
            covariateFile: covariates, covariateNames: names)
        var excluded: [String] = []
        if design.missingPhenotype > 0 { excluded.append("\(design.missingPhenotype) without a phenotype") }
        if design.missingCovariates > 0 { excluded.append("\(design.missingCovariates) with a missing covariate") }
        let leftOut = excluded.isEmpty ? "" : "; left out \(excluded.joined(separator: ", "))"
        log.info("phenotype \(design.phenotypeName): \(design.cases) cases, \(design.controls) controls\(leftOut)")
        if design.covariateNames.isEmpty {
            log.info("no covariates")
        } else {
            log.info("\(design.covariateNames.count) covariates: \(design.covariateNames.joined(separator: ", "))")
        }
        return design
    }
}
