import ArgumentParser

/// Output formats of the genotype commands: plink2-style tab-separated text, the same comma-separated (RFC 4180
/// quoting), or JSON; `freq` also offers an aligned table.
enum GenotypeOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv, csv, json, table
}

/// `--format` and `--out` of the genotype commands that write one row per variant or sample (gwas, freq,
/// prs score).
struct GenotypeOutputOptions: ParsableArguments {
    @Option(help: "Output format: tsv (plink2's layout and digits), csv (the same, comma-separated), table (aligned) or json (full precision).")
    var format: GenotypeOutputFormat = .tsv
    @Option(help: "Write to this file (created owner-only) instead of standard output.") var out: String?
}
