import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitScoring
import RiskKitTestSupport

/// Scores of the `plink-tiny` fixture (23 samples, 2 non-founders, missing calls) with `prs-weights.txt`
/// (11 lines: 4 on A1, 5 on A2, rs9999 not in the .bim, rs1018 with allele T that is neither G nor A), compared
/// with PLINK v2.00a3.5 AVX2 (9 Aug 2022), run from Tests/RiskKitTests/Fixtures:
///
///     plink2 --bfile plink-tiny --score prs-weights.txt 1 2 3 header cols=+scoresums --bad-freqs --out ref
///     plink2 --bfile plink-tiny --score prs-weights.txt 1 2 3 header cols=+scoresums no-mean-imputation --out nomean
///     plink2 --bfile plink-tiny --keep plink-keep.txt --score prs-weights.txt 1 2 3 header cols=+scoresums \
///         --bad-freqs --out keep
///     plink2 --bfile plink-tiny --extract plink-extract.txt --score prs-weights.txt 1 2 3 header \
///         cols=+scoresums no-mean-imputation --out ext
///
///     plink2 --bfile plink-tiny --score prs-weights-missing.txt 1 2 3 header cols=+scoresums --bad-freqs \
///         --out missing      # and again with no-mean-imputation
///
/// saved as prs-ref.sscore, prs-ref-nomean.sscore, prs-ref-keep.sscore, prs-ref-extract-nomean.sscore,
/// prs-ref-missing.sscore and prs-ref-missing-nomean.sscore.
/// (`--bad-freqs` is needed because plink2 refuses to mean-impute from fewer than 50 samples.) plink2 logs
/// "1 --score file entry was skipped due to a missing variant ID, and 1 was skipped due to a mismatching allele
/// code", and with --extract "5 … skipped due to missing variant IDs".
@Suite struct PolygenicScoreTests {
    struct Reference {
        var iid: String
        var alleleCount: Int
        var namedSum: Double
        var average: Double
        var sum: Double
    }

    /// Rows of a plink2 .sscore (`#FID IID PHENO1 ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE1_AVG SCORE1_SUM`).
    func reference(_ name: String) throws -> [Reference] {
        try String(contentsOfFile: fixturePath(name), encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t").map(String.init)
            return Reference(iid: f[1], alleleCount: Int(f[3])!, namedSum: Double(f[4])!, average: Double(f[5])!, sum: Double(f[6])!)
        }
    }

    /// plink2 prints 6 significant digits: ours must lie within half a unit of the printed value's 6th significant
    /// digit (≤ 5e-6 relative), or within 1e-12 of a printed 0.
    func close(_ a: Double, _ b: Double) -> Bool {
        b == 0 ? abs(a) < 1e-12 : matchesPrinted(a, b, units: 0.5)
    }

    func score(_ filters: QCFilters = QCFilters(), weights file: String = "prs-weights.txt", meanImputation: Bool,
               threads: Int = 2)
        throws -> (PlinkFileset, WeightMatch, PolygenicScoreResult)
    {
        let fileset = try PlinkFileset(prefix: fixturePath("plink-tiny"))
        let weights = try ScoreWeights.read(path: fixturePath(file))
        let selection = try filters.apply(to: fileset).selection
        let match = PolygenicScore.match(weights, fileset: fileset, selection: selection)
        let result = PolygenicScore.compute(fileset: fileset, selection: selection, match: match,
                                            meanImputation: meanImputation, threads: threads)
        return (fileset, match, result)
    }

    func expectEqual(_ result: PolygenicScoreResult, _ fileset: PlinkFileset, _ expected: [Reference]) {
        #expect(result.samples.count == expected.count)
        for (s, e) in zip(result.samples, expected) {
            #expect(fileset.samples[s.sample].individualID == e.iid)
            #expect(s.alleleCount == e.alleleCount, "ALLELE_CT of \(e.iid)")
            #expect(close(s.namedAlleleDosageSum, e.namedSum), "NAMED_ALLELE_DOSAGE_SUM of \(e.iid)")
            #expect(close(s.scoreSum, e.sum), "SCORE1_SUM of \(e.iid): \(s.scoreSum) vs \(e.sum)")
            #expect(s.scoreAverage.isNaN ? e.average.isNaN : close(s.scoreAverage, e.average), "SCORE1_AVG of \(e.iid): \(s.scoreAverage) vs \(e.average)")
        }
    }

    /// Mean imputation from the founders' frequencies; the result must not depend on how variants are split
    /// between threads.
    @Test(arguments: [1, 2, 4]) func meanImputedMatchesPlink2(threads: Int) throws {
        let (fileset, match, result) = try score(meanImputation: true, threads: threads)
        #expect(match.counts == [.matched: 4, .alleleSwapped: 5, .absent: 2])
        #expect(result.variantCount == 9)
        expectEqual(result, fileset, try reference("prs-ref.sscore"))
    }

    @Test(arguments: [1, 3]) func noMeanImputationMatchesPlink2(threads: Int) throws {
        let (fileset, _, result) = try score(meanImputation: false, threads: threads)
        expectEqual(result, fileset, try reference("prs-ref-nomean.sscore"))
    }

    /// --keep: only kept samples are scored and imputation uses the kept founders.
    @Test func keepMatchesPlink2() throws {
        var filters = QCFilters()
        filters.keep = [fixturePath("plink-keep.txt")]
        let (fileset, _, result) = try score(filters, meanImputation: true)
        expectEqual(result, fileset, try reference("prs-ref-keep.sscore"))
    }

    /// --extract: weights on variants removed by QC count as absent, like plink2.
    @Test func extractMatchesPlink2() throws {
        var filters = QCFilters()
        filters.extract = [fixturePath("plink-extract.txt")]
        let (fileset, match, result) = try score(filters, meanImputation: false)
        #expect(match.counts[.absent] == 5)
        #expect(match.weights.allSatisfy { fileset.variants[$0.variant].id == (try? ScoreWeights.read(path: fixturePath("prs-weights.txt")))?.entries[$0.entry].id })
        expectEqual(result, fileset, try reference("prs-ref-extract-nomean.sscore"))
    }

    /// rs1017 is called in S23 only (T/T, a founder) and rs1000 is missing in 6 samples: without imputation the
    /// samples with no call get ALLELE_CT 0 and SCORE_AVG nan; with it rs1017 is imputed at 2 copies of T.
    @Test(arguments: [(true, "prs-ref-missing.sscore"), (false, "prs-ref-missing-nomean.sscore")])
    func mostlyMissingVariants(meanImputation: Bool, reference name: String) throws {
        let (fileset, _, result) = try score(weights: "prs-weights-missing.txt", meanImputation: meanImputation)
        expectEqual(result, fileset, try reference(name))
    }

    /// Every case of the plink2 tests above against an exact reference instead of plink2's 6 printed digits:
    /// prs-ref-numpy.tsv, written by prs-ref-numpy.py (Python 3.11.7, numpy 2.4.6; run in
    /// Tests/RiskKitTests/Fixtures as `python3 prs-ref-numpy.py`), which decodes the .bed itself, sums with
    /// `fractions.Fraction` and prints 17 significant digits (it also checks itself against the plink2 .sscore
    /// files). Counts must be equal, SCORE_SUM and SCORE_AVG within 1e-9 relative.
    @Test(arguments: ["ref", "nomean", "keep", "extract-nomean", "missing", "missing-nomean"])
    func matchesExactReference(case name: String) throws {
        var filters = QCFilters()
        if name == "keep" { filters.keep = [fixturePath("plink-keep.txt")] }
        if name.hasPrefix("extract") { filters.extract = [fixturePath("plink-extract.txt")] }
        let weights = name.hasPrefix("missing") ? "prs-weights-missing.txt" : "prs-weights.txt"
        let (fileset, _, result) = try score(filters, weights: weights, meanImputation: !name.hasSuffix("nomean"))
        let expected = try String(contentsOfFile: fixturePath("prs-ref-numpy.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }.filter { $0[0] == name }
        #expect(result.samples.count == expected.count)
        func relative(_ a: Double, _ b: Double) -> Bool { b == 0 ? abs(a) <= 1e-12 : abs(a - b) <= 1e-9 * abs(b) }
        for (s, e) in zip(result.samples, expected) {
            #expect(fileset.samples[s.sample].individualID == e[1])
            #expect(s.alleleCount == Int(e[2]), "ALLELE_CT of \(e[1])")
            #expect(s.namedAlleleDosageSum == Double(e[3]), "NAMED_ALLELE_DOSAGE_SUM of \(e[1])")
            #expect(relative(s.scoreSum, Double(e[5])!), "SCORE_SUM of \(e[1]): \(s.scoreSum) vs \(e[5])")
            #expect(e[4] == "nan" ? s.scoreAverage.isNaN : relative(s.scoreAverage, Double(e[4])!),
                    "SCORE_AVG of \(e[1]): \(s.scoreAverage) vs \(e[4])")
        }
    }

    /// 9 of 11 weights match (81.8 %): fine at 0.8, a DataError naming the counts at 0.9.
    @Test func minimumOverlap() throws {
        let (_, match, _) = try score(meanImputation: true)
        try PolygenicScore.requireOverlap(match, minimum: 0.8, file: "w.txt")
        let error = dataError { try PolygenicScore.requireOverlap(match, minimum: 0.9, file: "w.txt") }
        #expect(error?.file == "w.txt")
        #expect(error?.message.contains("9 of 11") == true)
        #expect(error?.message.contains("81.8 %") == true)
        #expect(error?.message.contains("2 absent") == true)
        let none = WeightMatch(weights: [], statuses: [.absent])
        #expect(dataError { try PolygenicScore.requireOverlap(none, minimum: 0, file: "w.txt") } != nil)
    }

    /// Closed form: one sample, one variant with weight 2 on A2 and no missing calls, genotype A1/A1 → named
    /// dosage 0; A1/A2 → 1 (checked against the .raw export of plink-tiny: REF (A2) copies for rs1001).
    @Test func namedAlleleOfSwappedWeightIsTwoMinusA1Dosage() throws {
        let fileset = try PlinkFileset(prefix: fixturePath("plink-tiny"))
        let raw = try PlinkReference.rows("plink-tiny-ref.raw")
        let header = try String(contentsOfFile: fixturePath("plink-tiny-ref.raw"), encoding: .utf8)
            .split(separator: "\n")[0].split(separator: "\t").map(String.init)
        let column = header.firstIndex { $0.hasPrefix("rs1001_") }!
        let v = fileset.variants.firstIndex { $0.id == "rs1001" }!
        let match = WeightMatch(weights: [MatchedWeight(variant: v, countsA1: false, weight: 2, entry: 0)], statuses: [.alleleSwapped])
        let result = PolygenicScore.compute(fileset: fileset, selection: .all(fileset), match: match, meanImputation: false)
        for (s, row) in zip(result.samples, raw) {
            if let a2 = Double(row[column]) {
                #expect(s.namedAlleleDosageSum == a2)
                #expect(s.scoreSum == 2 * a2)
                #expect(s.alleleCount == 2)
            } else {
                #expect(s.alleleCount == 0 && s.scoreSum == 0 && s.scoreAverage.isNaN)
            }
        }
    }
}

@Suite struct PolygenicScoreOverflowTests {
    /// Many more variants than the packed 8-bit counters hold before a flush (124), single-threaded so one
    /// accumulator sees them all. Closed form: sample s has code (s + v) mod 4 at variant v, so over 20,000 variants
    /// each code occurs 5,000 times: named A1 dosage 5,000·2 + 5,000·1 = 15,000, 5,000 missing, ALLELE_CT 30,000,
    /// and with weight 1 (no imputation) SCORE_SUM = 15,000.
    @Test func countsSurviveTheFlush() throws {
        let folder = try temporaryFolder()
        let samples = 5, variants = 20_000
        var bed: [UInt8] = [0x6c, 0x1b, 0x01]
        var bim = "", fam = ""
        for v in 0..<variants {
            var record = [UInt8](repeating: 0, count: (samples + 3) / 4)
            for s in 0..<samples { record[s / 4] |= UInt8((s + v) % 4) << (2 * (s % 4)) }
            bed += record
            bim += "1\tv\(v)\t0\t\(v + 1)\tA\tG\n"
        }
        for s in 0..<samples { fam += "F\tS\(s)\t0\t0\t1\t-9\n" }
        try Data(bed).write(to: URL(fileURLWithPath: folder + "/big.bed"))
        try bim.write(toFile: folder + "/big.bim", atomically: true, encoding: .utf8)
        try fam.write(toFile: folder + "/big.fam", atomically: true, encoding: .utf8)
        let fileset = try PlinkFileset(prefix: folder + "/big")
        let weights = (0..<variants).map { MatchedWeight(variant: $0, countsA1: true, weight: 1, entry: $0) }
        let match = WeightMatch(weights: weights, statuses: Array(repeating: .matched, count: variants))
        let result = PolygenicScore.compute(
            fileset: fileset, selection: .all(fileset), match: match, meanImputation: false, threads: 1)
        for s in result.samples {
            #expect(s.namedAlleleDosageSum == 15_000)
            #expect(s.alleleCount == 30_000)
            #expect(s.scoreSum == 15_000)
        }
    }

    /// The bit-parallel count behind mean imputation (64 samples a step, byte lanes reduced every 31 steps) on
    /// 2,101 samples: 32 steps cross one reduction and 53 samples are left for the one-by-one tail. Closed form:
    /// sample s has code (7s + 3v + s / 5) mod 4 at variant v, so the expected counts are tallied from that formula.
    @Test func missingAndA2AllelesOverManySamples() throws {
        let folder = try temporaryFolder()
        let samples = 2_101, variants = 6
        func code(_ s: Int, _ v: Int) -> Int { (7 * s + 3 * v + s / 5) % 4 }
        var bed: [UInt8] = [0x6c, 0x1b, 0x01]
        var bim = "", fam = ""
        for v in 0..<variants {
            var record = [UInt8](repeating: 0, count: (samples + 3) / 4)
            for s in 0..<samples { record[s / 4] |= UInt8(code(s, v)) << (2 * (s % 4)) }
            bed += record
            bim += "1\tv\(v)\t0\t\(v + 1)\tA\tG\n"
        }
        for s in 0..<samples { fam += "F\tS\(s)\t0\t0\t1\t-9\n" }
        try Data(bed).write(to: URL(fileURLWithPath: folder + "/many.bed"))
        try bim.write(toFile: folder + "/many.bim", atomically: true, encoding: .utf8)
        try fam.write(toFile: folder + "/many.fam", atomically: true, encoding: .utf8)
        let fileset = try PlinkFileset(prefix: folder + "/many")
        for v in 0..<variants {
            let codes = (0..<samples).map { code($0, v) }
            let missing = codes.filter { $0 == 1 }.count
            let a2 = codes.filter { $0 == 2 }.count + 2 * codes.filter { $0 == 3 }.count
            let counted = fileset.missingAndA2Alleles(variant: v)
            #expect(counted.missing == missing && counted.a2Alleles == a2, "variant \(v)")
        }
        // Mean imputation over all samples (all founders), weight 1 on A1 for even variants and on A2 for odd
        // ones: a missing call scores 2 × the named allele's frequency among the called samples.
        let weights = (0..<variants).map { MatchedWeight(variant: $0, countsA1: $0 % 2 == 0, weight: 1, entry: $0) }
        let match = WeightMatch(weights: weights, statuses: Array(repeating: .matched, count: variants))
        let result = PolygenicScore.compute(fileset: fileset, selection: .all(fileset), match: match, meanImputation: true)
        let a1Dosage = [2.0, .nan, 1, 0]
        let imputed = (0..<variants).map { v -> Double in
            let called = (0..<samples).map { a1Dosage[code($0, v)] }.filter { !$0.isNaN }
            let a1 = 2 * called.reduce(0, +) / Double(2 * called.count)
            return v % 2 == 0 ? a1 : 2 - a1
        }
        for s in [0, 1, 5, 1_000, 2_047, 2_100] {
            let expected = (0..<variants).reduce(0.0) { sum, v in
                let d = a1Dosage[code(s, v)]
                return sum + (d.isNaN ? imputed[v] : (v % 2 == 0 ? d : 2 - d))
            }
            #expect(abs(result.samples[s].scoreSum - expected) <= 1e-12 * expected, "sample \(s)")
        }
    }
}
