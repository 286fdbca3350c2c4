import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations

/// LD clumping against PLINK v1.90b6.26 64-bit (2 Apr 2022) `--clump` on the clump-small fixture; the commands are
/// in Fixtures/clump-fixtures.sh (fixture written by clump-small-gen.py, Python 3.11 + numpy).
@Suite struct LDClumpingTests {
    static let prefix = fixturePath("clump-small")

    /// The fixture, its founders (PLINK 1.9 computes clump LD over founders) and the association p-values.
    static func load(_ assoc: String) throws -> (PlinkFileset, SampleSubset, [VariantPValue]) {
        let fileset = try PlinkFileset(prefix: prefix)
        let founders = GenotypeSelection.all(fileset).frequencySamples(in: fileset, nonfounders: false)
        let indexOf = Dictionary(uniqueKeysWithValues: fileset.variants.enumerated().map { ($1.id, $0) })
        let lines = try String(contentsOfFile: fixturePath(assoc), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: " ").map(String.init)
        let snp = try #require(header.firstIndex(of: "SNP")), p = try #require(header.firstIndex(of: "P"))
        let associations = try lines.dropFirst().map { line in
            let f = line.split(separator: " ").map(String.init)
            return VariantPValue(variant: try #require(indexOf[f[snp]]), p: try #require(Double(f[p])))
        }
        return (fileset, founders, associations)
    }

    /// PLINK's `.clumped` report as (index SNP, SP2 members without the `(1)` suffix, TOTAL), in file order.
    static func reference(_ name: String) throws -> [(index: String, members: [String], total: Int)] {
        let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
        var rows: [(index: String, members: [String], total: Int)] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 12 else { continue }
            let members: [String] = f[11] == "NONE" ? [] : f[11].split(separator: ",").map { String($0.prefix { $0 != "(" }) }
            rows.append((f[2], members, try #require(Int(f[5]))))
        }
        return rows
    }

    static func ours(_ assoc: String, _ options: ClumpingOptions) throws -> [(index: String, members: [String], total: Int)] {
        let (fileset, founders, associations) = try load(assoc)
        let clumps = try LDClumping.clumps(fileset: fileset, samples: founders, associations: associations, options: options)
        return clumps.map { (fileset.variants[$0.index].id, $0.members.map { fileset.variants[$0].id }, $0.total) }
    }

    /// In the issue setting (p1 = p2 = 1) rs3016 has p = 1: it is absorbed by rs3015 (TOTAL 4, SP2 lists 3), so it
    /// never starts a clump, while rs3051 (also p = 1, in LD with no index) does.
    @Test(arguments: [
        ("clump-small.assoc", ClumpingOptions(), "clump-ref-issue.clumped"),
        ("clump-small.assoc", ClumpingOptions.plinkDefaults, "clump-ref-plink.clumped"),
        ("clump-small.assoc", ClumpingOptions(r2Threshold: 0.2, windowKilobases: 100, indexPThreshold: 0.001,
                                              memberPThreshold: 0.05), "clump-ref-narrow.clumped"),
        ("clump-ties.assoc", ClumpingOptions(r2Threshold: 0.1, windowKilobases: 250, indexPThreshold: 1e-4,
                                             memberPThreshold: 0.01), "clump-ref-ties.clumped"),
    ])
    func clumpsMatchPlink19(assoc: String, options: ClumpingOptions, reference: String) throws {
        let expected = try Self.reference(reference)
        let got = try Self.ours(assoc, options)
        #expect(got.map(\.index) == expected.map(\.index))
        #expect(got.map(\.members) == expected.map(\.members))
        #expect(got.map(\.total) == expected.map(\.total))
        #expect(expected.contains { !$0.members.isEmpty })
    }

    /// r² with each member against PLINK's `--clump-verbose` RSQ column, printed to 3 decimals.
    @Test func r2MatchesPlinkVerboseReport() throws {
        let (fileset, founders, _) = try Self.load("clump-small.assoc")
        let indexOf = Dictionary(uniqueKeysWithValues: fileset.variants.enumerated().map { ($1.id, $0) })
        let rows = try String(contentsOfFile: fixturePath("clump-ref-rsq.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count > 20)
        for row in rows {
            let f = row.split(separator: "\t").map(String.init)
            let index = try #require(indexOf[f[0]]), member = try #require(indexOf[f[1]])
            let r2 = LDClumping.r2(fileset: fileset, samples: founders, index: index, candidates: [member])
            let value = try #require(r2[0] ?? nil)
            #expect(abs(value - Double(f[2])!) <= 0.0005 + 1e-12, "\(f[0]) – \(f[1])")
        }
    }

    /// 25 samples each of dosages (2,2), (2,1), (0,0), (0,1): no double heterozygote, so haplotype counts are
    /// 11: 75, 12: 25, 21: 25, 22: 75 of 200; pA = pB = 1/2, D = 3/8 − 1/4 = 1/8, r² = (1/64)/(1/16) = 1/4 exactly.
    /// (The genotype correlation is different: `plink1.9 --r2` on this data prints 0.5.) PLINK 1.9 `--clump` on it
    /// (variant 1 p 1e-10, variant 2 p 1e-3, `--clump-p2 0.01`) clumps them with `--clump-r2 0.2499` but not with
    /// 0.25: membership needs r² strictly above the threshold.
    @Test func closedFormWithoutDoubleHeterozygotes() {
        var counts = [Double](repeating: 0, count: 9)
        counts[3 * 2 + 2] = 25; counts[3 * 2 + 1] = 25; counts[0] = 25; counts[1] = 25
        #expect(HaplotypeLD.r2(counts: counts) == 0.25)
    }

    /// Dosages (2,2) ×10, (1,1) ×20, (0,0) ×30: the likelihood is maximal when every double heterozygote is 11/22,
    /// giving p11 = 1/3, p22 = 2/3 and r² = 1.
    @Test func perfectLDWithDoubleHeterozygotes() throws {
        var counts = [Double](repeating: 0, count: 9)
        counts[8] = 10; counts[4] = 20; counts[0] = 30
        let r2 = try #require(HaplotypeLD.r2(counts: counts))
        #expect(abs(r2 - 1) < 1e-12)
    }

    /// Interior maximum-likelihood haplotype frequencies; reference from plain EM iterated to a fixed point
    /// (Python 3.11 + numpy), independent of the cubic (`n` is the 3×3 table, row = dosage at variant 1):
    /// ```
    /// k11=2*n[2,2]+n[2,1]+n[1,2]; k12=2*n[2,0]+n[2,1]+n[1,0]; k21=2*n[0,2]+n[1,2]+n[0,1]; k22=2*n[0,0]+n[0,1]+n[1,0]
    /// c=n[1,1]; T=k11+k12+k21+k22+2*c; x=c/2
    /// while True:
    ///     p11,p22,p12,p21=(k11+x)/T,(k22+x)/T,(k12+c-x)/T,(k21+c-x)/T
    ///     nx=c*p11*p22/(p11*p22+p12*p21)
    ///     if abs(nx-x)<1e-15: break
    ///     x=nx
    /// pA=(k11+k12+c)/T; pB=(k11+k21+c)/T; D=(k11+x)/T-pA*pB; r2=D*D/(pA*(1-pA)*pB*(1-pB))
    /// ```
    @Test(arguments: [
        ([30.0, 20, 5, 15, 40, 10, 3, 12, 25], 0.23981237733672242),
        ([40.0, 10, 2, 12, 30, 8, 1, 9, 20], 0.3918956674072145),
    ])
    func interiorMaximumLikelihood(table: [Double], expected: Double) throws {
        let r2 = try #require(HaplotypeLD.r2(counts: table))
        #expect(abs(r2 - expected) < 1e-12)
    }

    /// Threshold edges, from PLINK 1.9 on the fixture (`--clump clump-small.assoc --clump-r2 0.1`, exact p of
    /// rs3043 1.10163e-08, rs3045 3.82313e-06): `--clump-p1 1.10163e-08 --clump-p2 3.82313e-06` gives the clump
    /// rs3043 [rs3044]; p1 1.10162e-08 drops rs3043 as an index; p2 3.82314e-06 gives rs3043 [rs3044, rs3045].
    /// So an index needs p ≤ p1 and a member p < p2.
    @Test(arguments: [
        (1.10163e-08, 3.82313e-06, ["rs3044"] as [String]?),
        (1.10162e-08, 3.82313e-06, nil),
        (1.10163e-08, 3.82314e-06, ["rs3044", "rs3045"]),
    ])
    func pThresholdEdges(p1: Double, p2: Double, expected: [String]?) throws {
        let got = try Self.ours("clump-small.assoc", ClumpingOptions(r2Threshold: 0.1, windowKilobases: 250,
                                                                     indexPThreshold: p1, memberPThreshold: p2))
        #expect(got.count == (expected == nil ? 8 : 9))
        #expect(got.first { $0.index == "rs3043" }?.members == expected)
    }

    /// Random and degenerate tables (zero cells, nearly all double heterozygotes, symmetric likelihoods); reference:
    /// the global maximum of the log-likelihood over a 200,001-point grid of x ∈ [0, c], refined by the EM loop above
    /// (Python 3.11 + numpy; tables from `numpy.random.default_rng(7)`, then four written by hand).
    @Test(arguments: [
        ([28.0, 18, 0, 26, 21, 23, 25, 0, 1], 0.0020159547380348116),
        ([27.0, 0, 14, 24, 21, 23, 3, 14, 24], 0.09319264669496988),
        ([10.0, 8, 21, 7, 35, 13, 14, 15, 17], 0.01719036193088405),
        ([15.0, 0, 24, 23, 16, 18, 10, 29, 0], 0.03345879437855816),
        ([25.0, 18, 3, 1, 30, 1, 4, 15, 29], 0.33577942779158887),
        ([24.0, 27, 24, 18, 18, 15, 7, 14, 11], 0.0013880833837855283),
        ([29.0, 0, 0, 5, 25, 20, 26, 6, 21], 0.1133811030417709),
        ([18.0, 24, 19, 4, 33, 8, 28, 26, 5], 0.05731075069359431),
        ([0.0, 0, 5, 0, 40, 0, 5, 0, 0], 1.0),
        ([20.0, 0, 0, 0, 50, 0, 0, 0, 1], 1.0),
        ([0.0, 3, 0, 2, 30, 2, 0, 3, 0], 0.5),
        ([1.0, 0, 0, 0, 10, 0, 0, 0, 1], 1.0),
    ])
    func globalMaximumLikelihood(table: [Double], expected: Double) throws {
        let r2 = try #require(HaplotypeLD.r2(counts: table))
        #expect(abs(r2 - expected) < 1e-9)
    }

    /// A monomorphic variant has no r².
    @Test func monomorphicHasNoR2() {
        #expect(HaplotypeLD.r2(counts: [10, 20, 30, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(HaplotypeLD.r2(counts: [Double](repeating: 0, count: 9)) == nil)
    }

    /// PLINK 1.9 truncates the window to whole base pairs and needs a distance strictly below it: rs3043–rs3045 are
    /// 46,474 bp apart; `plink1.9 --bfile clump-small --clump clump-small.assoc --clump-r2 0.1 --clump-p1 1
    /// --clump-p2 1 --clump-kb K` gives rs3043 [rs3044] for K = 46.474 and 46.47499, [rs3044, rs3045] for 46.475.
    @Test(arguments: [(46.474, ["rs3044"]), (46.47499, ["rs3044"]), (46.475, ["rs3044", "rs3045"])])
    func windowIsTruncatedAndStrict(kb: Double, expected: [String]) throws {
        let got = try Self.ours("clump-small.assoc", ClumpingOptions(r2Threshold: 0.1, windowKilobases: kb))
        #expect(got.first { $0.index == "rs3043" }?.members == expected)
        #expect(ClumpingOptions(windowKilobases: kb).windowBasePairs == (kb < 46.475 ? 46_474 : 46_475))
    }

    @Test func invalidInputsThrow() throws {
        let (fileset, founders, associations) = try Self.load("clump-small.assoc")
        for options in [ClumpingOptions(r2Threshold: 1), ClumpingOptions(r2Threshold: -0.1),
                        ClumpingOptions(windowKilobases: -1), ClumpingOptions(indexPThreshold: 0),
                        ClumpingOptions(indexPThreshold: 1e-4, memberPThreshold: 1e-5)] {
            #expect(throws: DataError.self) {
                try LDClumping.clumps(fileset: fileset, samples: founders, associations: associations, options: options)
            }
        }
        for bad in [associations + [associations[0]], [VariantPValue(variant: 96, p: 0.1)],
                    [VariantPValue(variant: 0, p: .nan)], [VariantPValue(variant: 0, p: 1.5)]] {
            #expect(throws: DataError.self) {
                try LDClumping.clumps(fileset: fileset, samples: founders, associations: bad, options: ClumpingOptions())
            }
        }
    }
}
