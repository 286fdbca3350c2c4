import RiskKit

/// Where `riskkit simulate` puts genotypes: `genotypes.csv`, or a PLINK 1 fileset `cohort.bed/.bim/.fam`.
final class GenotypeSink {
    private let csv: AtomicFileWriter?
    private var csvBuffer = ""
    private var plink: PlinkFilesetWriter?
    private let prefix: String
    private static let outcomeColumn = CohortSimulation.cohortColumns.firstIndex(of: "cvd_10y")!
    private static let sexColumn = CohortSimulation.cohortColumns.firstIndex(of: "sex")!

    init(format: Simulate.GenotypeFormat, folder: String, individuals: Int, panel: [TrueSNP]) throws {
        prefix = folder + "/cohort"
        switch format {
        case .csv:
            csv = try AtomicFileWriter(path: folder + "/genotypes.csv")
            try csv!.write((["id"] + panel.map(\.id)).joined(separator: ",") + "\n")
        case .plink:
            csv = nil
            let variants = panel.enumerated().map { j, snp in
                PlinkVariant(chromosome: "1", id: snp.id, position: 10_000 * (j + 1), allele1: "A", allele2: "G")
            }
            plink = PlinkFilesetWriter(variants: variants, samples: individuals)
        }
    }

    /// Adds one individual; `cohortRow` is their `cohort.csv` line (sex and outcome go to the `.fam`).
    func append(id: String, dosages: [UInt8], cohortRow: String) throws {
        if let csv {
            var line = id
            line.reserveCapacity(id.count + 2 * dosages.count + 1)
            for d in dosages { line.append(","); line.append(Character(Unicode.Scalar(48 + d))) }
            csvBuffer += line + "\n"
            if csvBuffer.utf8.count > 1 << 20 { try csv.write(csvBuffer); csvBuffer = "" }
        } else {
            let fields = cohortRow.split(separator: ",", omittingEmptySubsequences: false)
            let sex = fields[Self.sexColumn] == "M" ? 1 : 2
            let phenotype = switch fields[Self.outcomeColumn] { case "1": "2"; case "0": "1"; default: "-9" }
            plink!.append(PlinkSample(familyID: id, individualID: id, sex: sex, phenotype: phenotype), dosages: dosages)
        }
    }

    /// Writes what is buffered and moves the files into place.
    func commit() throws {
        if let csv {
            try csv.write(csvBuffer)
            try csv.commit()
        } else {
            try plink!.write(prefix: prefix, permissions: AtomicFile.shared)
        }
    }
}
