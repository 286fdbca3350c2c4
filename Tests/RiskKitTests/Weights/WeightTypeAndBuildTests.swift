import Foundation
import Testing
import RiskKit
@testable import RiskKitData

/// Weight types and genome builds by their definitions, on hand-made files.
@Suite struct WeightTypeAndBuildTests {
    func file(_ meta: String, _ rows: String) throws -> ScoreWeights {
        try ScoreWeights.parsePGSCatalog("#pgs_id=X\n" + meta + rows, file: "w.txt")
    }

    @Test func declaredNames() {
        #expect(WeightType(declared: "beta") == .beta && WeightType(declared: "log(OR)") == .logOddsRatio)
        #expect(WeightType(declared: "logHR") == .logHazardRatio && WeightType(declared: "or") == .oddsRatio)
        #expect(WeightType(declared: "HR") == .hazardRatio && WeightType(declared: "NR") == nil)
        #expect(GenomeBuild(declared: "hg19") == .grch37 && GenomeBuild(declared: "GRCh38") == .grch38)
        #expect(GenomeBuild(declared: "NR") == nil)
    }

    /// ln(2) for an odds ratio of 2, ln(0.5) for a hazard ratio of 0.5; a ratio ≤ 0 names its line.
    @Test func ratiosBecomeLogarithms() throws {
        var or = try file("#weight_type=OR\n", "rsID\teffect_allele\teffect_weight\nrs1\tA\t2\nrs2\tC\t1\n")
        #expect(try or.convertToLogScale(given: nil) == .oddsRatio)
        #expect(or.entries.map(\.weight) == [log(2.0), 0])
        var hr = try file("#weight_type=NR\n", "rsID\teffect_allele\teffect_weight\nrs1\tA\t0.5\n")
        #expect(try hr.convertToLogScale(given: .hazardRatio) == .hazardRatio && hr.entries[0].weight == log(0.5))
        var unknown = try file("", "rsID\teffect_allele\teffect_weight\nrs1\tA\t0.5\n")
        #expect(dataError { _ = try unknown.convertToLogScale(given: nil) }?.code == .weightTypeUnknown)
        var negative = try file("#weight_type=OR\n", "rsID\teffect_allele\teffect_weight\nrs1\tA\t1.5\nrs2\tA\t-1\n")
        #expect(dataError { _ = try negative.convertToLogScale(given: nil) }?.line == 5)
    }

    /// Inference: 9 of 10 ids at their hm_pos (90 %) names the harmonized build; 8 of 10 names none.
    @Test func buildInferredFromIdsAtTheirPositions() throws {
        let variants = (1...10).map { VariantAlleles(id: "rs\($0)", chromosome: "1", position: 100 * $0, a1: "A", a2: "G") }
        func plan(misplaced: Int) throws -> PositionPlan {
            let rows = (1...10).map { k in "rs\(k)\tA\t0.1\t1\t\(100 * k + 7)\t1\t\(100 * k + (k <= misplaced ? 1 : 0))" }
            let weights = try file("#weight_type=beta\n#genome_build=GRCh37\n#HmPOS_build=GRCh38\n",
                                   "rsID\teffect_allele\teffect_weight\tchr_name\tchr_position\thm_chr\thm_pos\n"
                                   + rows.joined(separator: "\n") + "\n")
            return try weights.positionPlan(for: variants, given: nil)
        }
        let nine = try plan(misplaced: 1)
        #expect(nine.filesetBuild == .grch38 && nine.columns == .harmonized)
        #expect(nine.filesetBuildSource == .inferred(agreeing: 9, compared: 10, column: "hm_pos"))
        let eight = try plan(misplaced: 2)
        #expect(eight.filesetBuild == nil && eight.filesetBuildSource == .unknown(compared: 10) && eight.warning != nil)
    }

    /// Positions in another build: ids alone when every weight has an id the fileset knows, else refused.
    @Test func otherBuildPositionsAreNotMatched() throws {
        let variants = [VariantAlleles(id: "rs1", chromosome: "1", position: 100, a1: "A", a2: "G")]
        let byID = try file("#weight_type=beta\n#genome_build=GRCh37\n",
                            "rsID\teffect_allele\teffect_weight\tchr_name\tchr_position\nrs1\tA\t0.1\t1\t90\n")
        let plan = try byID.positionPlan(for: variants, given: .grch38)
        #expect(plan.columns == .none && plan.unmatchableByPosition == 0)
        #expect(byID.match(to: variants, positions: plan.columns).weights.count == 1)
        let positional = try file("#weight_type=beta\n#genome_build=GRCh37\n",
                                  "rsID\teffect_allele\teffect_weight\tchr_name\tchr_position\nrs1\tA\t0.1\t1\t90\nrs9\tA\t0.1\t1\t100\n")
        #expect(dataError { _ = try positional.positionPlan(for: variants, given: .grch38) }?.code == .genomeBuildMismatch)
    }
}
