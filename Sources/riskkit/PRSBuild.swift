import ArgumentParser
import Foundation
import RiskKit

/// How `prs build` chooses its weights.
enum PRSBuildMethod: String, ExpressibleByArgument, CaseIterable {
    case ct, lasso, elasticnet
}

struct PRSBuild: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a polygenic score: clumping + thresholding of association results, or lasso / elastic net on genotypes.",
        discussion: """
            --method ct (clumping + thresholding, as PRSice-2): the association results (--assoc: riskkit gwas or \
            plink2 --glm output, plink 1.9 .assoc.logistic, or any file with ID/SNP, A1, BETA or OR, and P \
            columns) are matched to the fileset by variant id and allele (exact codes), LD-clumped with plink \
            1.9 --clump semantics (haplotype r² over the founders of the target, or of --ld-ref), and each \
            threshold of the p-value grid scores the validation samples with the index variants at or below it. \
            Per threshold the report gives the variant count, the AUC of the score, the Nagelkerke R² of score + \
            covariates minus that of the covariates alone, the odds ratio per SD of the score and its p-value; the \
            threshold with the largest R² is chosen, as PRSice-2 does. Writes OUT.weights (ID A1 WEIGHT, for \
            riskkit prs score and plink2 --score … 1 2 3 header) and OUT.prs.json (weights, effect-allele \
            frequencies used to impute missing calls, the score distribution of the validation samples, the \
            threshold report and provenance). --method lasso|elasticnet fits a penalized logistic regression of \
            the phenotype on every selected variant (standardized A1 dosages) plus the covariates (unpenalized), \
            streaming genotypes from the .bed with strong-rule screening and warm starts along a λ path, λ chosen \
            by --folds-fold cross-validation (minimum held-out deviance), as bigstatsr's big_spLogReg; the \
            --validate samples are held out of the fit and give the score's AUC. Its report lists the path \
            (LAMBDA NONZERO CV_DEVIANCE CV_DEVIANCE_SE CV_AUC CHOSEN). With --ancestry-pcs K the model also stores K principal components \
            of the validation samples' genotypes (randomized SVD of the standardized genotypes, streamed by block) \
            and the regression of the score's mean and variance on them (pgsc_calc's method), so that prs score \
            --model reports Z_norm1, Z_norm2 and an outlier flag. The report goes to standard output; --format json \
            prints it with full precision.
            """)

    @Option(help: "Method: ct (clumping + thresholding), lasso or elasticnet (penalized regression over all variants).")
    var method: PRSBuildMethod
    @Option(name: .customLong("bfile"), help: "Target PLINK 1 fileset prefix (validation samples; LD unless --ld-ref).")
    var prefix: String
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @OptionGroup(title: "Phenotype and covariates (plink2 flags)") var caseControl: CaseControlOptions
    @Option(help: "ct: association results (riskkit gwas, plink2 --glm, plink 1.9 --logistic, or ID A1 BETA|OR P columns; gzip ok).")
    var assoc: String?
    @Option(name: .customLong("ld-ref"), help: "PLINK 1 fileset prefix to take LD from instead of the target (matched by variant id).")
    var ldRef: String?
    @Option(name: .customLong("clump-r2"), help: "Clumping r² threshold (variants with r² above it join the index's clump).")
    var clumpR2 = 0.1
    @Option(name: .customLong("clump-kb"), help: "Clumping window in kb.") var clumpKb = 250.0
    @Option(name: .customLong("clump-p"), help: "Largest p-value of an index variant.") var clumpP = 1.0
    @Option(help: "Comma-separated p-value thresholds.") var thresholds = "5e-8,1e-5,1e-3,0.01,0.05,0.1,0.5,1"
    @Option(name: .customLong("validate"), help: "Validation samples (lines `FID IID` or `IID`): ct evaluates its thresholds on them; lasso/elasticnet hold them out of the fit and report the score's AUC on them. Default: every selected sample with a phenotype.")
    var validationFile: String?
    @OptionGroup(title: "lasso and elasticnet") var penalized: PenalizedBuildOptions
    @OptionGroup var threading: ThreadOptions
    @Option(name: .customLong("ancestry-pcs"), help: "Also store K ancestry PCs of the reference (validation) samples and the score's mean and variance on them, for Z_norm1/Z_norm2 and outlier flags in prs score --model.")
    var ancestryPCs: Int?
    @Option(name: .customLong("ancestry-extract"), help: "Variants (ids, whitespace-separated) for the ancestry PCA, e.g. an LD-pruned list from plink2 --indep-pairwise; default: every selected variant.")
    var ancestryExtract: String?
    @Option(help: "Description stored in the PRS model (what it predicts; say so when the data are synthetic).")
    var description: String?
    @Option(help: "Output prefix: writes OUT.weights and OUT.prs.json.") var out: String
    @Option(help: "Report format: table, csv, tsv or json.") var format: GenotypeOutputFormat = .table

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        if method == .ct && assoc == nil { throw ValidationError("--method ct needs --assoc FILE (association results)") }
        if method != .ct && (assoc != nil || ldRef != nil) {
            throw ValidationError("--assoc and --ld-ref belong to --method ct; lasso and elasticnet fit the genotypes directly")
        }
        try validatePenalized()
        if let ancestryPCs, ancestryPCs < 1 { throw ValidationError("--ancestry-pcs must be at least 1") }
        if ancestryExtract != nil && ancestryPCs == nil { throw ValidationError("--ancestry-extract needs --ancestry-pcs K") }
        if parsedThresholds == nil { throw ValidationError("--thresholds must be comma-separated numbers in (0, 1]") }
        do {
            try ClumpingOptions(r2Threshold: clumpR2, windowKilobases: clumpKb, indexPThreshold: clumpP,
                                memberPThreshold: 1).validate()
        } catch let error as DataError {
            throw ValidationError(error.commandLineDescription)
        }
    }

    private var parsedThresholds: [Double]? {
        let values = thresholds.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 1 }) else { return nil }
        return Array(Set(values.map { $0! })).sorted()
    }

    func run() throws {
        try runReportingErrors {
            let fileset = try PlinkFileset(prefix: prefix)
            log.info("\(fileset.sampleCount) samples, \(fileset.variantCount) variants in \(prefix).bed/.bim/.fam")
            let selection = try qc.select(in: fileset)
            var built = method == .ct
                ? try buildClumpingThresholding(fileset: fileset, selection: selection)
                : try buildPenalized(fileset: fileset, selection: selection)
            if let ancestryPCs {
                var pcaVariants = selection.variants
                if let ancestryExtract {
                    let (named, unmatched) = try VariantIDList(path: ancestryExtract).matches(fileset.variants)
                    pcaVariants = selection.variants.filter { named[$0] }
                    let notInFileset = unmatched > 0 ? "; \(unmatched) of its ids are not in \(prefix).bim" : ""
                    log.info("ancestry: \(pcaVariants.count) selected variants named in \(ancestryExtract)\(notInFileset)")
                }
                log.info("ancestry: \(ancestryPCs) PCs of \(built.reference.count) reference samples over \(pcaVariants.count) variants (randomized SVD)")
                built.model.ancestry = try AncestryReference.fit(
                    fileset: fileset, samples: built.reference, variants: pcaVariants, components: ancestryPCs,
                    scores: built.referenceScores)
                let pca = built.model.ancestry!.pca
                let eigenvalues = pca.eigenvalues.map { String(format: "%.3g", $0) }.joined(separator: " ")
                log.info("""
                    ancestry: eigenvalues \(eigenvalues); \(pca.convergedComponents) of \(ancestryPCs) PCs converged in \
                    \(pca.powerIterations) passes
                    """)
            }
            try AtomicFile.write(Array(built.model.plinkWeightFile().utf8), to: out + ".weights")
            try built.model.write(to: out + ".prs.json")
            log.info("wrote \(out).weights and \(out).prs.json")
            try built.writeReport()
        }
    }

    /// A built score: the model, its reference samples and their scores, and the report to print.
    struct Built {
        var model: PolygenicScoreModel
        var reference: SampleSubset
        var referenceScores: [Double]
        var writeReport: () throws -> Void
    }

    /// Clumping + thresholding on the validation samples.
    private func buildClumpingThresholding(fileset: PlinkFileset, selection: GenotypeSelection) throws -> Built {
        let assoc = assoc!
        let (statistics, match) = try ClumpingAndThresholding.matchedStatistics(
            path: assoc, fileset: fileset, filesetName: prefix, variants: selection.variants, logger: log)
        let (scored, validation) = try validationSet(fileset: fileset, selection: selection)
        var files = ["statistics": assoc, "bed": prefix + ".bed", "bim": prefix + ".bim", "fam": prefix + ".fam"]
        if let validationFile { files["validate"] = validationFile }
        if let ldRef { files["ld_reference_bim"] = ldRef + ".bim" }
        var options = ["method": method.rawValue, "clump_r2": "\(clumpR2)", "clump_kb": "\(clumpKb)",
                       "clump_p": "\(clumpP)", "thresholds": thresholds]
        if let pheno = caseControl.pheno { options["pheno"] = pheno }
        if let name = caseControl.phenoName { options["pheno_name"] = name }
        if let covar = caseControl.covar { options["covar"] = covar }
        let build = try ClumpingAndThresholding.build(
            statistics: statistics, statisticsPath: assoc, match: match, fileset: fileset,
            ld: try ldSource(fileset: fileset, selection: selection), nonfounders: qc.nonfounders,
            options: ClumpingOptions(r2Threshold: clumpR2, windowKilobases: clumpKb, indexPThreshold: clumpP,
                                     memberPThreshold: 1),
            thresholds: parsedThresholds!, scored: scored, validation: validation, description: description,
            inputFiles: files, options: options, logger: log)
        return Built(model: build.model, reference: scored, referenceScores: build.referenceScores,
                     writeReport: { try writeReport(build.results, best: build.chosen) })
    }

    /// The validation samples (all selected samples, or those of --validate) with phenotype and covariates.
    private func validationSet(
        fileset: PlinkFileset, selection: GenotypeSelection
    ) throws -> (scored: SampleSubset, validation: ClumpingAndThresholding.Validation) {
        let samples = try validationSubset(fileset: fileset, selection: selection) ?? selection.samples
        if validationFile == nil {
            log.warning("""
                no --validate; thresholds are compared on every selected sample with a phenotype. \
                Use samples that were not in the association study
                """)
        }
        let design = try caseControl.design(fileset: fileset, samples: samples)
        return (samples, .init(samples: design.samples, outcome: design.outcome, covariates: design.covariates,
                               covariateNames: design.covariateNames))
    }

    /// The selected samples named in --validate (nil without it), logged; none of them is an error.
    func validationSubset(fileset: PlinkFileset, selection: GenotypeSelection) throws -> SampleSubset? {
        guard let validationFile else { return nil }
        let (named, unmatched) = try SampleIDList(path: validationFile).matches(fileset.samples)
        let samples = SampleSubset(indices: selection.samples.indices.filter { named[$0] }, of: fileset.sampleCount)
        let unnamed = unmatched > 0 ? "; \(unmatched) of its entries name no sample of the fileset" : ""
        log.info("validation: \(samples.count) of the selected samples are in \(validationFile)\(unnamed)")
        guard samples.count > 0 else {
            throw DataError(file: validationFile, "no validation sample is among the selected samples of \(prefix).fam")
        }
        return samples
    }

    /// LD from the target's selection, or from --ld-ref's after the same variant QC flags.
    private func ldSource(fileset: PlinkFileset, selection: GenotypeSelection) throws -> ClumpingAndThresholding.LDSource {
        guard let ldRef else { return .init(fileset: fileset, selection: selection) }
        let reference = try PlinkFileset(prefix: ldRef)
        log.info("LD reference: \(reference.sampleCount) samples, \(reference.variantCount) variants in \(ldRef).bed/.bim/.fam")
        return .init(fileset: reference, selection: try qc.select(in: reference), name: ldRef)
    }

    private func writeReport(_ results: [ThresholdResult], best: Int) throws {
        let header = ["THRESHOLD", "VARIANTS", "AUC", "R2", "OR_PER_SD", "P", "CHOSEN"]
        func cells(_ r: ThresholdResult, _ k: Int) -> [String] {
            [plinkNumber(r.threshold, missing: "NA"), String(r.variants)]
                + [r.auc, r.r2, r.oddsRatioPerSD, r.p].map { plinkNumber($0 ?? .nan, missing: "NA") }
                + [k == best ? "*" : ""]
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            struct Report: Encodable { var thresholds: [ThresholdResult]; var chosen_threshold: Double }
            let data = try encoder.encode(Report(thresholds: results, chosen_threshold: results[best].threshold))
            emit(String(decoding: data, as: UTF8.self) + "\n")
        case .tsv, .csv:
            let separator = format == .tsv ? "\t" : ","
            var text = header.joined(separator: separator) + "\n"
            for (k, r) in results.enumerated() { text += cells(r, k).joined(separator: separator) + "\n" }
            emit(text)
        case .table:
            var table = TextTable(header: header, rightAligned: [0, 1, 2, 3, 4, 5])
            for (k, r) in results.enumerated() { table.add(cells(r, k)) }
            emit(table.render())
        }
    }
}
