import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitSimulation

@Suite struct PlinkQCTests {
    // Each run of plink-tiny-filters.tsv is `plink2 --bfile plink-tiny <flags> --write-samples --write-snplist`
    // (PLINK v2.00a3.5): the IIDs and variant IDs that remained. Ours must be identical.
    @Test(arguments: try! PlinkReference.filterRuns().map(\.name))
    func filterRunMatchesPlink(_ name: String) throws {
        let run = try #require(try PlinkReference.filterRuns().first { $0.name == name })
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let (selection, _) = try PlinkReference.filters(run.flags).apply(to: f)
        #expect(selection.samples.indices.map { f.samples[$0].individualID } == run.samples)
        #expect(selection.variants.map { f.variants[$0].id } == run.variants)
    }

    // Counts from plink2's log of the `all` run (plink-fixtures.sh): "--extract: 12 variants remaining.",
    // "--exclude: 10 variants remaining.", "--keep: 11 samples remaining.", "--remove: 11 samples remaining.",
    // "3 samples removed due to missing genotype data (--mind).", "--geno: 1 variant removed",
    // "--hwe: 0 variants removed", "2 variants removed due to allele frequency threshold(s)", 7 variants remaining.
    @Test func reportFollowsPlinkOrderAndCounts() throws {
        let run = try #require(try PlinkReference.filterRuns().first { $0.name == "all" })
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let (selection, report) = try PlinkReference.filters(run.flags).apply(to: f)
        #expect(report.steps.map(\.filter) == ["--extract", "--exclude", "--keep", "--remove", "--mind 0.2",
                                               "--geno 0.2", "--hwe 0.01", "--maf 0.05"])
        #expect(report.steps.map(\.variantsRemaining) == [12, 10, 10, 10, 10, 9, 9, 7])
        #expect(report.steps.map(\.samplesRemaining) == [23, 23, 11, 11, 8, 8, 8, 8])
        #expect(report.steps.map(\.samplesRemoved) == [0, 0, 12, 0, 3, 0, 0, 0])
        #expect(report.steps.map(\.variantsRemoved) == [25, 2, 0, 0, 0, 1, 0, 2])
        // plink-extract.txt names rs9999 (absent); plink-keep.txt names F9 NOPE (absent); plink-remove.txt is IID-only,
        // which plink2 reads as FID 0, so none of its 3 IDs match.
        #expect(report.steps.map(\.unmatchedEntries) == [1, 0, 1, 3, 0, 0, 0, 0])
        #expect(report.lines[4] == "--mind 0.2: 3 samples removed (8 remaining)")
        #expect(report.lines[0] == "--extract: 25 variants removed (12 remaining); 1 ID in the file matched nothing")
        #expect(selection.samples.count == 8 && selection.variants.count == 7)
    }

    @Test func noFiltersSelectsEverything() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let (selection, report) = try QCFilters().apply(to: f)
        #expect(selection == .all(f))
        #expect(report.steps.isEmpty)
    }

    @Test func thresholdOutsideUnitIntervalIsRejected() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        var q = QCFilters()
        q.maf = 1.5
        let error = dataError { _ = try q.apply(to: f) }
        #expect(error?.code == .minorAlleleFrequencyOutOfRange && error?.message.contains("minor allele frequency") == true)
    }

    @Test func sampleIDFileForms() throws {
        let dir = try temporaryFolder()
        func list(_ text: String) throws -> [String] {
            let path = dir + "/ids.txt"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try SampleIDList(path: path).ids.map { $0.familyID + "/" + $0.individualID }
        }
        #expect(try list("#FID\tIID\nF1 S1\nF2\tS2 extra\n") == ["F1/S1", "F2/S2"])
        #expect(try list("#IID\tSEX\nS1 1\nS2 2\n") == ["0/S1", "0/S2"])
        #expect(try list("S1\r\nF2 S2\r\n\n") == ["0/S1", "F2/S2"])
        let variantsPath = dir + "/v.txt"
        try "rs1 rs2\n\trs3\n\nrs1\n".write(toFile: variantsPath, atomically: true, encoding: .utf8)
        #expect(try VariantIDList(path: variantsPath).ids == ["rs1", "rs2", "rs3", "rs1"])
    }

    @Test func missingIDFileIsAnInputFileError() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        var q = QCFilters()
        q.keep = ["/nonexistent/keep.txt"]
        #expect(throws: InputFileError.self) { _ = try q.apply(to: f) }
    }
}
