import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitScoring
import RiskKitTestSupport

@Suite struct PlinkFilesetTests {
    // Fixture written by plink2 v2.00a3.5 from plink-tiny-gen.py's .ped/.map (Fixtures/plink-fixtures.sh):
    // 23 samples (odd: the last byte of each record has 2 padding slots), 37 variants, 2 non-founders.
    @Test func readsFamAndBim() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        #expect(f.sampleCount == 23)
        #expect(f.variantCount == 37)
        #expect(f.bytesPerVariant == 6)
        // plink2's log: "23 samples (8 females, 8 males, 7 ambiguous; 21 founders)", "7 cases, 7 controls".
        #expect(f.samples.count { $0.isFounder } == 21)
        #expect(f.samples.count { $0.sex == 1 } == 8 && f.samples.count { $0.sex == 2 } == 8)
        #expect(f.samples.count { $0.isCase == true } == 7 && f.samples.count { $0.isCase == false } == 7)
        #expect(f.samples[5] == PlinkSample(familyID: "F2", individualID: "S6", fatherID: "S4", motherID: "S5",
                                            sex: 0, phenotype: "2"))
        #expect(f.variants[0] == PlinkVariant(chromosome: "1", id: "rs1000", centimorgans: 0, position: 10000,
                                              allele1: "A", allele2: "C"))
    }

    /// A1 dosages from plink2's `--export A` (.raw counts REF = A2, so A1 dosage = 2 − value; NA → NaN),
    /// as a samples × variants array.
    private func rawDosages() throws -> [[Double]] {
        try PlinkReference.rows("plink-tiny-ref.raw").map { row in
            row.dropFirst(6).map { $0 == "NA" ? Double.nan : 2 - Double($0)! }
        }
    }

    private func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @Test func decodesAllSamplesLikePlinkExport() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let raw = try rawDosages()
        let m = f.decode(variants: 0..<37, samples: .all(23), missing: .nan)
        #expect(m.rows == 23 && m.columns == 37)
        for i in 0..<23 { for j in 0..<37 { #expect(same(m[i, j], raw[i][j]), "sample \(i) variant \(j)") } }
    }

    @Test func decodesSubsetAndMeanImputes() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let raw = try rawDosages()
        let rows = [0, 2, 5, 21, 22]
        let variants = [36, 0, 17, 7, 12]
        let subset = SampleSubset(indices: rows, of: 23)
        let m = f.decode(variants: variants, samples: subset, missing: .nan)
        let imputed = f.decode(variants: variants, samples: subset, missing: .meanImputed)
        for (c, v) in variants.enumerated() {
            let observed = rows.map { raw[$0][v] }.filter { !$0.isNaN }
            let mean = observed.isEmpty ? 0 : observed.reduce(0, +) / Double(observed.count)
            for (r, i) in rows.enumerated() {
                #expect(same(m[r, c], raw[i][v]))
                #expect(imputed[r, c] == (raw[i][v].isNaN ? mean : raw[i][v]))
            }
        }
        // All samples, mean imputation: the mean is over all 23 samples' calls.
        let all = f.decode(variants: [12], samples: .all(23), missing: .meanImputed)
        let col = raw.map { $0[12] }
        let obs = col.filter { !$0.isNaN }
        for i in 0..<23 { #expect(all[i, 0] == (col[i].isNaN ? obs.reduce(0, +) / Double(obs.count) : col[i])) }
    }

    @Test func blocksCoverAllVariantsInOrder() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let whole = f.decode(variants: 0..<37, samples: .all(23), missing: .meanImputed)
        var seen: [Int] = []
        for (variants, block) in f.blocks(variants: Array(0..<37), samples: .all(23), missing: .meanImputed, blockSize: 8) {
            #expect(block.columns == variants.count && block.columns <= 8)
            for (c, v) in variants.enumerated() { #expect(block.column(c) == whole.column(v)) }
            seen += variants
        }
        #expect(seen == Array(0..<37))
    }

    @Test func countsMatchPlinkMissingAndHardy() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let vmiss = try PlinkReference.rows("plink-tiny-ref.vmiss")
        let hardy = try PlinkReference.rows("plink-tiny-ref.hardy")
        let founders = GenotypeSelection.all(f).frequencySamples(in: f, nonfounders: false)
        #expect(founders.count == 21)
        for v in 0..<37 {
            let all = f.genotypeCounts(variant: v, samples: .all(23))
            #expect(all.total == 23)
            #expect(all.missing == Int(vmiss[v][2])!)
            // .hardy (founders): A1 column = REF = .bim A2, so HOM_A1_CT = our hom A2, TWO_AX_CT = our hom A1.
            let c = f.genotypeCounts(variant: v, samples: founders)
            #expect(c.homozygousA2 == Int(hardy[v][4])!)
            #expect(c.heterozygous == Int(hardy[v][5])!)
            #expect(c.homozygousA1 == Int(hardy[v][6])!)
        }
    }

    @Test func subsetCountsMatchDecodedDosages() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let subset = SampleSubset(indices: [1, 3, 4, 8, 19, 22], of: 23)
        let m = f.decode(variants: 0..<37, samples: subset, missing: .nan)
        for v in 0..<37 {
            let col = m.column(v)
            let c = f.genotypeCounts(variant: v, samples: subset)
            #expect(c.homozygousA1 == col.count { $0 == 2 } && c.heterozygous == col.count { $0 == 1 })
            #expect(c.homozygousA2 == col.count { $0 == 0 } && c.missing == col.count { $0.isNaN })
        }
    }

    @Test func sampleMissingCountsMatchPlinkSmiss() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let smiss = try PlinkReference.rows("plink-tiny-ref.smiss")
        let counts = f.sampleMissingCounts(variants: Array(0..<37), samples: .all(23))
        #expect(counts == smiss.map { Int($0[3])! })
        let subset = SampleSubset(indices: [2, 9, 22], of: 23)
        #expect(f.sampleMissingCounts(variants: Array(0..<37), samples: subset) == [2, 9, 22].map { Int(smiss[$0][3])! })
    }

    @Test func frequenciesMatchPlinkAfreqAndVmiss() throws {
        let f = try PlinkFileset(prefix: PlinkReference.prefix)
        let afreq = try PlinkReference.rows("plink-tiny-ref.afreq")
        let vmiss = try PlinkReference.rows("plink-tiny-ref.vmiss")
        let rows = f.frequencies(.all(f))
        #expect(rows.count == 37)
        for (k, r) in rows.enumerated() {
            let v = f.variants[r.variant]
            #expect([v.chromosome, v.id, v.allele2, v.allele1] == Array(afreq[k][0..<4]))
            // plink2 prints 6 significant digits (%g); OBS_CT and MISSING_CT are exact counts.
            #expect(String(format: "%g", r.altFrequency) == afreq[k][4])
            #expect(String(r.alleleObservations) == afreq[k][5])
            #expect(String(r.missingCount) == vmiss[k][2])
            #expect(String(format: "%g", r.missingRate) == vmiss[k][4])
        }
    }

    @Test func hardyWeinbergPValuesMatchPlinkHardy() throws {
        let hardy = try PlinkReference.rows("plink-tiny-ref.hardy")
        for row in hardy {
            let p = HardyWeinbergExactTest.pValue(heterozygous: Int(row[5])!, homozygous1: Int(row[4])!,
                                                  homozygous2: Int(row[6])!)
            let expected = Double(row[9])!
            // plink2 prints 6 significant digits: agree to its printed precision.
            #expect(isApproximatelyEqual(p, expected, relative: 5e-6), "\(row[1]): \(p) vs \(expected)")
        }
    }

    @Test func hardyWeinbergClosedForms() {
        // n = 1 het: the only configuration with one A and one a copy → p = 1.
        #expect(HardyWeinbergExactTest.pValue(heterozygous: 1, homozygous1: 0, homozygous2: 0) == 1)
        // 2 hom-rare + 0 het + 0 hom-common, n = 2, 4 rare copies: only configuration → p = 1.
        #expect(HardyWeinbergExactTest.pValue(heterozygous: 0, homozygous1: 2, homozygous2: 0) == 1)
        // n = 3 genotypes, 1 AA, 0 Aa, 2 aa (nA = 2, na = 4). Levene's formula
        // P(nAa) = n!/(nAA!·nAa!·naa!) · 2^nAa · nA!·na!/(2n)!: P(0) = 3 · 48/720 = 0.2, P(2) = 3 · 4 · 48/720 = 0.8,
        // so p = P(0) = 0.2 and mid-p = 0.2 − 0.1 = 0.1.
        #expect(abs(HardyWeinbergExactTest.pValue(heterozygous: 0, homozygous1: 1, homozygous2: 2) - 0.2) < 1e-15)
        #expect(abs(HardyWeinbergExactTest.pValue(heterozygous: 0, homozygous1: 1, homozygous2: 2, midp: true) - 0.1) < 1e-15)
        #expect(HardyWeinbergExactTest.pValue(heterozygous: 0, homozygous1: 0, homozygous2: 0) == 1)
    }
}

@Suite struct PlinkVariantChromosomeTests {
    /// PLINK's chromosome codes: X = 23, Y = 24, XY (pseudo-autosomal, diploid) = 25, MT = 26.
    @Test(arguments: [("X", true), ("chrX", true), ("23", true), ("Y", true), ("24", true), ("MT", true),
                      ("chrM", true), ("26", true), ("XY", false), ("25", false), ("1", false), ("chr22", false)])
    func haploidChromosomes(code: String, haploid: Bool) {
        #expect(PlinkVariant(chromosome: code, id: "v", position: 1, allele1: "A", allele2: "G").isHaploidInMales == haploid)
    }
}
