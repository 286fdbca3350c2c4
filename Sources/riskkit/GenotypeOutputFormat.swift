import ArgumentParser

/// Output formats of the genotype commands: plink2-style tab-separated text, the same comma-separated (RFC 4180
/// quoting), or JSON; `freq` also offers an aligned table.
enum GenotypeOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv, csv, json, table
}
