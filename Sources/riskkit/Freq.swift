import ArgumentParser
import Foundation
import RiskKit

struct Freq: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "freq",
        abstract: "Allele frequencies and missingness per variant of a PLINK 1 fileset or a VCF, after plink2-style QC.",
        discussion: """
            Columns: #CHROM ID REF ALT ALT_FREQS OBS_CT MISSING_CT MISSING_RATE. ALT is .bim allele 1 (the counted \
            allele), REF allele 2. ALT_FREQS and OBS_CT (2 per non-missing call; on chromosome X 1 per male call, a \
            heterozygous male counting half an ALT, as plink2) use founders only, like plink2's \
            .afreq (add --nonfounders to use every sample); MISSING_CT and MISSING_RATE use every remaining sample, \
            like plink2's .vmiss. Filters run in plink2's order: --extract, --exclude, --keep, --remove, --mind, \
            --geno, --hwe, --maf; what each removed is reported on stderr (counts only). tsv output (the default) \
            is tab-separated with 6 significant digits, like plink2; csv is the same comma-separated.
            """)

    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset prefix (PREFIX.bed, .bim, .fam).") var prefix: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @OptionGroup var output: GenotypeOutputOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws { try vcf.validate(bfile: prefix, required: true) }

    func run() throws {
        try runReportingErrors {
            let source = vcf.source(bfile: prefix)!
            let fileset = try source.openLogged()
            let selection = try qc.select(in: fileset, modelsChromosomeX: true)
            let rows = fileset.frequencies(selection, nonfounders: qc.nonfounders)
            let sink = try OutputSink(path: output.out)
            do {
                try write(rows, of: fileset, to: sink)
                try sink.commit()
            } catch {
                sink.abandon()
                throw error
            }
        }
    }

    private func write(_ rows: [VariantFrequency], of fileset: PlinkFileset, to sink: OutputSink) throws {
        let header = ["#CHROM", "ID", "REF", "ALT", "ALT_FREQS", "OBS_CT", "MISSING_CT", "MISSING_RATE"]
        func cells(_ r: VariantFrequency) -> [String] {
            let v = fileset.variants[r.variant]
            return [v.chromosome, v.id, v.allele2, v.allele1, plinkNumber(r.altFrequency, missing: "NA"), String(r.alleleObservations),
                    String(r.missingCount), plinkNumber(r.missingRate, missing: "NA")]
        }
        switch output.format {
        case .tsv:
            try sink.write(header.joined(separator: "\t") + "\n")
            for r in rows { try sink.write(cells(r).joined(separator: "\t") + "\n") }
        case .csv:
            try sink.write(header.joined(separator: ",") + "\n")
            for r in rows { try sink.write(cells(r).map(csvField).joined(separator: ",") + "\n") }
        case .table:
            var t = TextTable(header: header, rightAligned: [4, 5, 6, 7])
            for r in rows { t.add(cells(r)) }
            try sink.write(t.render())
        case .json:
            try sink.write("[\n")
            for (k, r) in rows.enumerated() {
                let v = fileset.variants[r.variant]
                let fields = [
                    "\"chrom\": \(jsonString(v.chromosome))", "\"id\": \(jsonString(v.id))",
                    "\"ref\": \(jsonString(v.allele2))", "\"alt\": \(jsonString(v.allele1))",
                    "\"alt_freq\": \(r.altFrequency.isNaN ? "null" : "\(r.altFrequency)")",
                    "\"obs_ct\": \(r.alleleObservations)", "\"missing_ct\": \(r.missingCount)",
                    "\"missing_rate\": \(r.missingRate)",
                ]
                try sink.write("  {" + fields.joined(separator: ", ") + "}" + (k + 1 < rows.count ? ",\n" : "\n"))
            }
            try sink.write("]\n")
        }
    }
}
