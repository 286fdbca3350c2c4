import Foundation
import RiskKit
@testable import RiskKitStatistics
@testable import RiskKitModels

/// plink2's reference outputs for the `plink-tiny` fixture (see Fixtures/plink-fixtures.sh:
/// PLINK v2.00a3.5 AVX2 (9 Aug 2022), `plink2 --bfile plink-tiny --freq --missing --hardy --out plink-tiny-ref`,
/// `plink2 --bfile plink-tiny --export A --out plink-tiny-ref`, and one `--write-samples --write-snplist` run
/// per filter, collected in plink-tiny-filters.tsv).
enum PlinkReference {
    /// The fixture prefix.
    static let prefix = fixturePath("plink-tiny")

    /// A plink2 report as rows of tab-separated fields, header dropped.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// One filtering run: the plink2 flags and the sample IIDs / variant IDs that remained.
    struct FilterRun {
        var name: String
        var flags: [String]
        var samples: [String]
        var variants: [String]
    }

    static func filterRuns() throws -> [FilterRun] {
        let text = try String(contentsOfFile: fixturePath("plink-tiny-filters.tsv"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return FilterRun(name: f[0], flags: f[1].split(separator: " ").map(String.init),
                             samples: f[2].split(separator: ",").map(String.init),
                             variants: f[3].split(separator: ",").map(String.init))
        }
    }

    /// The plink2 flags of a run as ``QCFilters`` (file names resolved in the fixture folder).
    static func filters(_ flags: [String]) -> QCFilters {
        var q = QCFilters()
        var i = 0
        while i < flags.count {
            let next = i + 1 < flags.count ? flags[i + 1] : ""
            switch flags[i] {
            case "--maf": q.maf = Double(next); i += 1
            case "--geno": q.geno = Double(next); i += 1
            case "--mind": q.mind = Double(next); i += 1
            case "--hwe": q.hwe = Double(next); i += 1
            case "midp": q.hweMidp = true
            case "--nonfounders": q.nonfounders = true
            case "--keep": q.keep.append(fixturePath(next)); i += 1
            case "--remove": q.remove.append(fixturePath(next)); i += 1
            case "--extract": q.extract.append(fixturePath(next)); i += 1
            case "--exclude": q.exclude.append(fixturePath(next)); i += 1
            default: fatalError("unknown flag \(flags[i])")
            }
            i += 1
        }
        return q
    }
}
