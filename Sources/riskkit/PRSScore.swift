import ArgumentParser
import Foundation
import RiskKit

struct PRSScore: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every sample of a PLINK 1 fileset or a VCF with a PLINK-style weight file or a PGS Catalog scoring file.",
        discussion: """
            Columns: #IID ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE_AVG SCORE_SUM, one row per sample left after QC, \
            .fam order; the values are those of plink2 --score FILE 1 2 3 header cols=+scoresums. ALLELE_CT is 2 × \
            the sample's non-missing calls over the scored variants and NAMED_ALLELE_DOSAGE_SUM counts the weighted \
            alleles among them. Missing calls are mean-imputed from the founders' allele frequency (all samples with \
            --nonfounders) and SCORE_AVG divides by 2 × scored variants; with --no-mean-imputation they are left out \
            and SCORE_AVG divides by ALLELE_CT. PLINK-style weights match by variant id and exact allele code, as \
            plink2; PGS Catalog files as pgsc_calc (id or position, swapped and strand-flipped alleles, ambiguous \
            A/T and C/G dropped unless --keep-ambiguous). Variants removed by the QC flags count as absent. \
            The match report (one line per weight) goes to OUT.match.tsv with --out, else a summary to stderr. \
            With --model FILE.prs.json the columns are #IID SCORE PERCENTILE Z (raw score, its percentile among \
            the model's reference samples, and (score − reference mean)/SD); missing calls count as 2 × the model's \
            frequency and absent variants at their reference mean. A model built with --ancestry-pcs K adds PC1…PCK \
            (the sample projected on the reference PCs), Z_NORM1 (score adjusted for its mean on the PCs), Z_NORM2 \
            (adjusted for mean and variance), Z_NORM2_PERCENTILE (100·Φ(Z_NORM2)), MAHALANOBIS_D2, PC_CLOUD_P \
            (χ²_K tail of D²) and OUTSIDE_REFERENCE (1 when PC_CLOUD_P is below the model's level: the adjusted \
            values are extrapolations). \
            Scores are patient data: --out files are created readable by the owner only.
            """)

    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset prefix (PREFIX.bed, .bim, .fam).") var prefix: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @Option(help: "Weight file: PLINK-style (header row; id, allele, weight columns) or PGS Catalog (gzip ok).") var weights: String?
    @Option(help: "A RiskKit PRS model (.prs.json from prs build) instead of --weights: reports percentiles and, with ancestry PCs, Z_norm1/Z_norm2.")
    var model: String?
    @Option(name: .customLong("score-columns"), help: "PLINK-style weights: id, allele and weight columns as header names or 1-based positions.")
    var scoreColumns = "1,2,3"
    @Flag(name: .customLong("no-mean-imputation"), help: "Leave missing calls out instead of mean-imputing them.") var noMeanImputation = false
    @Flag(name: .customLong("keep-ambiguous"), help: "PGS Catalog weights: keep strand-ambiguous (A/T, C/G) variants, matched as written.")
    var keepAmbiguous = false
    @Option(name: .customLong("min-overlap"), help: "Fail (exit 65) when fewer than this fraction of the weights match a variant.")
    var minOverlap = 0.75
    @OptionGroup(title: "Weight type and genome build") var weightFile: WeightFileOptions
    @OptionGroup var output: GenotypeOutputOptions
    @OptionGroup var threading: ThreadOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        try vcf.validate(bfile: prefix, required: true)
        if (weights == nil) == (model == nil) { throw ValidationError("give --weights FILE or --model FILE.prs.json") }
        if !(0...1).contains(minOverlap) { throw ValidationError("--min-overlap must lie between 0 and 1") }
        guard scoreColumns.split(separator: ",", omittingEmptySubsequences: false).count == 3 else {
            throw ValidationError("--score-columns takes three comma-separated columns: ID,ALLELE,WEIGHT")
        }
    }

    func run() async throws {
        if let model { return try runReportingErrors { try scoreWithModel(path: model) } }
        let weights = weights!
        // No BLAS here: OpenBLAS's idle workers would otherwise spin on a core our threads need.
        BLASThreads.shutDownWorkers()
        // The fileset's text files and the weight file are parsed at the same time, as two child tasks.
        let c = scoreColumns.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let source = vcf.source(bfile: prefix)!
        let (filesetRead, weightsRead) = await Self.inParallel(
            { try source.open() },
            { [weights, weightFile] in try weightFile.read(path: weights, columns: (c[0], c[1], c[2])) })
        try runReportingErrors {
            let (fileset, scoreWeights) = (try filesetRead.get(), try weightsRead.get())
            source.logCounts(of: fileset)
            let selection = try qc.select(in: fileset, modelsChromosomeX: true)
            let plan = try weightFile.positionPlan(scoreWeights, variants: fileset.variants.map(\.alleles))
            let match = PolygenicScore.match(scoreWeights, fileset: fileset, selection: selection, keepAmbiguous: keepAmbiguous,
                                             positions: plan.columns)
            let counts = match.counts
            let summary = WeightMatchStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            log.info("\(scoreWeights.entries.count) weights (\(scoreWeights.source.rawValue)): \(summary.joined(separator: ", "))")
            if let out = output.out {
                try writeMatchReport(match, weights: scoreWeights, plan: plan, fileset: fileset, to: out + ".match.tsv")
            }
            try PolygenicScore.requireOverlap(match, minimum: minOverlap, file: weights)
            let result = PolygenicScore.compute(fileset: fileset, selection: selection, match: match,
                                                meanImputation: !noMeanImputation, nonfounders: qc.nonfounders,
                                                threads: threading.threads)
            log.info("scored \(result.samples.count) samples over \(result.variantCount) variants")
            let sink = try OutputSink(path: output.out)
            do {
                try write(result, of: fileset, to: sink)
                try sink.commit()
            } catch {
                sink.abandon()
                throw error
            }
        }
    }

    private func write(_ result: PolygenicScoreResult, of fileset: PlinkFileset, to sink: OutputSink) throws {
        switch output.format {
        case .tsv, .csv:
            let separator = output.format == .tsv ? "\t" : ","
            try sink.write(["#IID", "ALLELE_CT", "NAMED_ALLELE_DOSAGE_SUM", "SCORE_AVG", "SCORE_SUM"].joined(separator: separator) + "\n")
            for s in result.samples {
                let id = fileset.samples[s.sample].individualID
                var line = output.format == .csv ? csvField(id) : id
                line += separator + String(s.alleleCount) + separator
                line += plinkNumbers([s.namedAlleleDosageSum, s.scoreAverage, s.scoreSum], separator: separator, missing: "nan")
                try sink.write(line + "\n")
            }
        case .json:
            try sink.write("[\n")
            for (k, s) in result.samples.enumerated() {
                let sample = fileset.samples[s.sample]
                let fields = [
                    "\"fid\": \(jsonString(sample.familyID))", "\"iid\": \(jsonString(sample.individualID))",
                    "\"allele_ct\": \(s.alleleCount)", "\"named_allele_dosage_sum\": \(jsonNumber(s.namedAlleleDosageSum))",
                    "\"score_avg\": \(jsonNumber(s.scoreAverage))", "\"score_sum\": \(jsonNumber(s.scoreSum))",
                ]
                try sink.write("  {" + fields.joined(separator: ", ") + "}" + (k + 1 < result.samples.count ? ",\n" : "\n"))
            }
            try sink.write("]\n")
        case .table:
            var table = TextTable(header: ["IID", "ALLELE_CT", "NAMED_ALLELE_DOSAGE_SUM", "SCORE_AVG", "SCORE_SUM"],
                                  rightAligned: [1, 2, 3, 4])
            for s in result.samples {
                table.add([fileset.samples[s.sample].individualID, String(s.alleleCount)]
                          + [s.namedAlleleDosageSum, s.scoreAverage, s.scoreSum].map { plinkNumber($0, missing: "nan") })
            }
            try sink.write(table.render())
        }
    }

    /// One line per weight entry: its line in the weight file, id, the position it matched (or the file's), the
    /// effect allele and the match status; first, as `##` lines, the weight type, the genome builds and the status
    /// counts. Built as bytes: the report has a
    /// line per weight (millions for some PGS Catalog scores).
    private func writeMatchReport(_ match: WeightMatch, weights: ScoreWeights, plan: PositionPlan, fileset: PlinkFileset,
                                  to path: String) throws {
        var variantOfEntry = [Int](repeating: -1, count: weights.entries.count)
        for w in match.weights { variantOfEntry[w.entry] = w.variant }
        let sink = try OutputSink(path: path)
        do {
            let counts = match.counts
            if let type = weights.weightType { try sink.write("## weight_type\t\(weightFile.describe(type, of: weights))\n") }
            if weights.source == .pgsCatalog { try sink.write("## genome_build\t\(plan.summary)\n") }
            for s in WeightMatchStatus.allCases { try sink.write("## \(s.rawValue)\t\(counts[s] ?? 0)\n") }
            try sink.write("#LINE\tID\tCHROM:POS\tEFFECT_ALLELE\tSTATUS\n")
            let tab = UInt8(ascii: "\t"), colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 17)
            for (e, entry) in weights.entries.enumerated() {
                bytes.append(contentsOf: String(entry.line).utf8)
                bytes.append(tab)
                if let id = entry.id { bytes.append(contentsOf: id.utf8) } else { bytes.append(dot) }
                bytes.append(tab)
                let v = variantOfEntry[e]
                if v >= 0 {
                    bytes.append(contentsOf: fileset.variants[v].chromosome.utf8)
                    bytes.append(colon)
                    bytes.append(contentsOf: String(fileset.variants[v].position).utf8)
                } else if let (c, p) = entry.coordinates(plan.columns == .none ? .harmonizedOrAuthored : plan.columns) {
                    bytes.append(contentsOf: c.utf8)
                    bytes.append(colon)
                    bytes.append(contentsOf: String(p).utf8)
                } else {
                    bytes.append(dot)
                }
                bytes.append(tab)
                bytes.append(contentsOf: entry.effectAllele.utf8)
                bytes.append(tab)
                bytes.append(contentsOf: match.statuses[e].rawValue.utf8)
                bytes.append(UInt8(ascii: "\n"))
                if bytes.count >= 1 << 16 {
                    try sink.write(bytes: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try sink.write(bytes: bytes)
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Runs `first` and `second` as two child tasks (`async let`) and returns both outcomes, so the caller reports
    /// the first error in argument order.
    private static func inParallel<A: Sendable, B: Sendable>(
        _ first: @escaping @Sendable () throws -> A, _ second: @escaping @Sendable () throws -> B
    ) async -> (Result<A, any Error>, Result<B, any Error>) {
        async let a = Result { try first() }
        async let b = Result { try second() }
        return await (a, b)
    }
}
