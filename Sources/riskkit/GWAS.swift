import ArgumentParser
import Foundation
import RiskKit

struct GWAS: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "gwas",
        abstract: "Per-variant logistic regression of a case/control phenotype on A1 dosage plus covariates (plink2 --glm).",
        discussion: """
            Columns: #CHROM POS ID REF ALT A1 A1_FREQ OBS_CT BETA SE Z_STAT P FIRTH ERRCODE, one row per variant left \
            after QC. Defaults follow plink2 --glm hide-covar: A1 is the non-major allele by founders' frequency \
            (ALT on a tie; --omit-ref makes it ALT always), a sample enters when its phenotype (1 control, 2 case; \
            0, -9, NA missing; --1 for 0/1 coding) and every covariate are present, and each variant's regression \
            leaves out the samples without a call (OBS_CT; A1_FREQ is over the same samples). BETA is the log odds \
            ratio per copy of A1, SE its Wald standard error, P the two-sided Wald p-value. When logistic \
            regression does not converge, or A1 is only in cases or only in controls, Firth regression is used \
            (FIRTH = Y; --no-firth reports NA instead). ERRCODE uses plink2's codes (CONST_OMITTED_ALLELE, \
            CORR_TOO_HIGH, VIF_TOO_HIGH, …; `.` when there is none). On chromosome X, as plink2's default \
            --xchr-model 2, .fam sex is added as a covariate (samples of unknown sex left out there) and male calls \
            keep the 0/1/2 coding. Covariates may be on any scale: they are \
            standardized internally, which changes no genotype estimate. tsv, csv and table print 6 significant \
            digits like plink2; json prints full precision, one object per line.
            """)

    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset prefix (PREFIX.bed, .bim, .fam).") var prefix: String
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @OptionGroup(title: "Phenotype and covariates (plink2 flags)") var caseControl: CaseControlOptions
    @Flag(name: .customLong("omit-ref"), help: "Test ALT in every variant instead of the non-major allele.") var omitRef = false
    @Flag(name: .customLong("no-firth"), help: "Report NA instead of falling back to Firth regression.") var noFirth = false
    @Option(name: .customLong("max-corr"), help: "Largest allowed absolute correlation between two predictors.")
    var maxCorrelation = 0.999
    @Option(name: .customLong("vif"), help: "Largest allowed variance inflation factor.") var maxVIF = 50.0
    @OptionGroup var threading: ThreadOptions
    @OptionGroup var output: GenotypeOutputOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        if !(maxCorrelation > 0 && maxCorrelation <= 1) { throw ValidationError("--max-corr must lie in (0, 1]") }
        if !(maxVIF >= 1) { throw ValidationError("--vif must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let fileset = try PlinkFileset(prefix: prefix)
            log.info("\(fileset.sampleCount) samples, \(fileset.variantCount) variants in \(prefix).bed/.bim/.fam")
            let selection = try qc.select(in: fileset, modelsChromosomeX: true)
            let design = try caseControl.design(fileset: fileset, samples: selection.samples)
            var options = LogisticAssociation.Options(
                alleles: omitRef ? .alt : .minor(frequencySamples: selection.frequencySamples(in: fileset, nonfounders: qc.nonfounders)))
            options.firthFallback = !noFirth
            options.collinearity = PredictorCollinearity(maxCorrelation: maxCorrelation, maxVIF: maxVIF)
            options.threads = threading.threads
            // Each worker thread makes small BLAS calls of its own: OpenBLAS's threads would only compete with them.
            BLASThreads.set(1)
            BLASThreads.shutDownWorkers()
            nonisolated(unsafe) let bar = Progress(label: "gwas", unit: "variants")
            let onX = selection.variants.filter { fileset.variants[$0].isChromosomeX }
            let autosomal = onX.isEmpty ? selection.variants : selection.variants.filter { !fileset.variants[$0].isChromosomeX }
            var results = try LogisticAssociation.run(
                fileset: fileset, design: design, variants: autosomal, options: options,
                progress: { bar.update($0 - $0 % 1000) })
            if !onX.isEmpty {
                // plink2's default --xchr-model 2: .fam sex as an extra covariate on chromosome X.
                let (xDesign, unknownSex) = design.addingSexCovariate(fileset: fileset)
                let leftOut = unknownSex > 0 ? "; left out \(unknownSex) samples of unknown sex" : ""
                log.info("chromosome X: \(onX.count) variants with sex (.fam) as a covariate\(leftOut)")
                results += try LogisticAssociation.run(
                    fileset: fileset, design: xDesign, variants: onX, options: options,
                    progress: { bar.update(autosomal.count + $0 - $0 % 1000) })
                results.sort { $0.variant < $1.variant }
            }
            bar.clear()
            let summary = GWASSummary(results)
            for line in summary.logLines { log.info("\(line)") }
            let sink = try OutputSink(path: output.out)
            do {
                try write(results, summary: summary, of: fileset, to: sink)
                try sink.commit()
            } catch {
                sink.abandon()
                throw error
            }
        }
    }

    private func write(_ results: [VariantAssociation], summary: GWASSummary, of fileset: PlinkFileset, to sink: OutputSink) throws {
        let header = ["#CHROM", "POS", "ID", "REF", "ALT", "A1", "A1_FREQ", "OBS_CT", "BETA", "SE", "Z_STAT", "P",
                      "FIRTH", "ERRCODE"]
        var text = ""
        text.reserveCapacity(1 << 20)
        func flush() throws {
            try sink.write(text)
            text.removeAll(keepingCapacity: true)
        }
        func cells(_ r: VariantAssociation) -> [String] {
            let v = fileset.variants[r.variant]
            var cells = [v.chromosome, String(v.position), v.id, v.allele2, v.allele1, r.a1IsAlt ? v.allele1 : v.allele2]
            if output.format == .csv { cells = cells.map(csvField) }
            return cells + [plinkNumber(r.a1Frequency, missing: "NA"), String(r.observations),
                            plinkNumber(r.beta ?? .nan, missing: "NA"), plinkNumber(r.standardError ?? .nan, missing: "NA"),
                            plinkNumber(r.zStatistic ?? .nan, missing: "NA"), plinkNumber(r.pValue ?? .nan, missing: "NA"),
                            r.firth ? "Y" : "N", r.error?.rawValue ?? "."]
        }
        switch output.format {
        case .tsv, .csv:
            let separator = output.format == .tsv ? "\t" : ","
            text += header.joined(separator: separator) + "\n"
            for r in results {
                text += cells(r).joined(separator: separator) + "\n"
                if text.utf8.count > 1 << 20 { try flush() }
            }
        case .table:
            var table = TextTable(header: header.map { $0 == "#CHROM" ? "CHROM" : $0 }, rightAligned: [1, 6, 7, 8, 9, 10, 11])
            for r in results { table.add(cells(r)) }
            text = table.render()
        case .json:
            for r in results {
                let v = fileset.variants[r.variant]
                let fields = [
                    "\"chrom\": \(jsonString(v.chromosome))", "\"pos\": \(v.position)", "\"id\": \(jsonString(v.id))",
                    "\"ref\": \(jsonString(v.allele2))", "\"alt\": \(jsonString(v.allele1))",
                    "\"a1\": \(jsonString(r.a1IsAlt ? v.allele1 : v.allele2))", "\"a1_freq\": \(jsonNumber(r.a1Frequency))",
                    "\"obs_ct\": \(r.observations)", "\"beta\": \(jsonNumber(r.beta))", "\"se\": \(jsonNumber(r.standardError))",
                    "\"z_stat\": \(jsonNumber(r.zStatistic))", "\"p\": \(jsonNumber(r.pValue))", "\"firth\": \(r.firth)",
                    "\"errcode\": \(r.error.map { jsonString($0.rawValue) } ?? "null")",
                ]
                text += "{" + fields.joined(separator: ", ") + "}\n"
                if text.utf8.count > 1 << 20 { try flush() }
            }
            text += summary.jsonLine
        }
        try flush()
    }
}
