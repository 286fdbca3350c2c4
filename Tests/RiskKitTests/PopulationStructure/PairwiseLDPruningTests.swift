import Foundation
import Testing
import RiskKit
import RiskKitTestSupport

/// `--indep-pairwise` against plink2 v2.00a3.5 on pca-small (Fixtures/pca-fixtures.sh): the same variants kept and
/// removed, in `.bim` order, for a variant-count window with a step and for a kb window (whose 2 Mb gap splits
/// chromosome 1 into two stretches).
@Suite struct PairwiseLDPruningTests {
    @Test(arguments: [
        ("pca-ref-w50", LDPruningWindow.variants(size: 50, step: 5), 0.2),
        ("pca-ref-kb20", LDPruningWindow.basePairs(20_000), 0.1),
    ])
    func keepsTheVariantsPlink2Keeps(reference: String, window: LDPruningWindow, threshold: Double) throws {
        let fileset = try PopulationStructureFixture.fileset()
        let (_, founders) = PopulationStructureFixture.selection(fileset)
        #expect(founders.count == 238)
        let result = try PairwiseLDPruning(window: window, threshold: threshold)
            .prune(fileset: fileset, founders: founders, variants: Array(0..<fileset.variantCount))
        #expect(result.kept.map { fileset.variants[$0].id } == (try PopulationStructureFixture.lines(reference + ".prune.in")))
        #expect(result.removed.map { fileset.variants[$0].id } == (try PopulationStructureFixture.lines(reference + ".prune.out")))
        #expect(result.unplacedCount == 0)
        // Without spread among founders: v51 (hom A1 only), v121 (het only), v261 (no calls). The single variant on
        // chromosome 3 (v1201) is never tested and stays.
        let removed = Set(result.removed.map { fileset.variants[$0].id })
        #expect(removed.isSuperset(of: ["v51", "v121", "v261"]))
        #expect(result.kept.last.map { fileset.variants[$0].id } == "v1201")
    }

    @Test func leavesOutChromosomeZeroAndRefusesDuplicateIDs() throws {
        let folder = try temporaryFolder()
        let source = fixturePath("pca-small")
        var bim = try String(contentsOfFile: source + ".bim", encoding: .utf8)
        bim = bim.replacingOccurrences(of: "2\tv701\t", with: "0\tv701\t")
        let prefix = folder + "/chr0"
        try FileManager.default.copyItem(atPath: source + ".bed", toPath: prefix + ".bed")
        try FileManager.default.copyItem(atPath: source + ".fam", toPath: prefix + ".fam")
        try bim.write(toFile: prefix + ".bim", atomically: true, encoding: .utf8)
        let fileset = try PlinkFileset(prefix: prefix)
        let founders = PopulationStructureFixture.selection(fileset).founders
        let pruning = PairwiseLDPruning(window: .variants(size: 50, step: 5), threshold: 0.2)
        let result = try pruning.prune(fileset: fileset, founders: founders, variants: Array(0..<fileset.variantCount))
        #expect(result.unplacedCount == 1)
        #expect(result.kept.count + result.removed.count == 1200)
        #expect(!(result.kept + result.removed).contains(700))

        try bim.replacingOccurrences(of: "\tv3\t", with: "\tv2\t").write(toFile: prefix + ".bim", atomically: true, encoding: .utf8)
        let duplicated = try PlinkFileset(prefix: prefix)
        #expect(throws: DataError.self) {
            try pruning.prune(fileset: duplicated, founders: founders, variants: Array(0..<duplicated.variantCount))
        }
    }
}
