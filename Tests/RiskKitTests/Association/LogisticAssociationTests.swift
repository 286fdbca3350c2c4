import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitSimulation
import RiskKitTestSupport

/// `LogisticAssociation` on the gwas-small fixture (400 samples × 48 variants; see Fixtures/gwas-fixtures.sh) against
/// PLINK v2.00a3.5 AVX2 (9 Aug 2022) and statsmodels 0.15.0:
///
///     plink2 --bfile gwas-small --covar gwas-small.covar \
///       --glm hide-covar cols=chrom,pos,ref,alt,a1freq,firth,test,nobs,beta,se,tz,p,err --covar-variance-standardize
///     (gwas-ref-fam.glm; gwas-ref-dis2.glm adds --pheno gwas-small.pheno --pheno-name DIS2 --covar-name AGE,PC1;
///      gwas-ref-omitref.glm adds the omit-ref modifier; gwas-ref-nocovar.glm has no --covar and allow-no-covars)
///     python3 gwas-statsmodels.py   (gwas-ref-fam-statsmodels.tsv: Logit, Newton to tol 1e-14, 17 digits)
@Suite struct LogisticAssociationTests {
    /// One plink2 `.glm` row (columns of the cols= list above).
    struct Plink2Row {
        var a1: String, a1Frequency: String, firth: Bool, observations: Int
        var beta: Double?, se: Double?, p: Double?, error: String
    }

    static let fileset = try! PlinkFileset(prefix: fixturePath("gwas-small"))

    static func plink2(_ name: String) throws -> [String: Plink2Row] {
        let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
        var rows: [String: Plink2Row] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            rows[f[2]] = Plink2Row(a1: f[5], a1Frequency: f[6], firth: f[7] == "Y", observations: Int(f[9])!,
                                   beta: Double(f[10]), se: Double(f[11]), p: Double(f[13]), error: f[14])
        }
        return rows
    }

    static func run(phenotype: CaseControlDesign.Phenotype = .fam, covariates: [String]?, omitRef: Bool = false,
                    threads: Int = 1, blockSize: Int = 64) throws -> [VariantAssociation] {
        let selection = GenotypeSelection.all(fileset)
        let table = try covariates.map { _ in try SampleValueTable(path: fixturePath("gwas-small.covar"), defaultPrefix: "COVAR") }
        let design = try CaseControlDesign(fileset: fileset, selected: selection.samples, phenotype: phenotype,
                                           covariateFile: table, covariateNames: covariates?.isEmpty == true ? nil : covariates)
        var options = LogisticAssociation.Options(
            alleles: omitRef ? .alt : .minor(frequencySamples: selection.frequencySamples(in: fileset, nonfounders: false)))
        options.threads = threads
        options.blockSize = blockSize
        return try LogisticAssociation.run(fileset: fileset, design: design, variants: selection.variants, options: options)
    }

    /// plink2 prints 6 significant digits: equal within one unit of the 6th digit.
    func printedClose(_ ours: Double, _ theirs: String) -> Bool {
        guard let b = Double(theirs) else { return ours.isNaN && theirs == "NA" }
        guard b != 0 else { return ours == 0 }
        return abs(ours - b) <= pow(10, log10(abs(b)).rounded(.down) - 5) * (1 + 1e-9)
    }

    /// rs2044 carries only 0/1 dosages. plink2's SE is 0.1–0.4 % off there in every configuration; ours equals statsmodels'
    /// to 1e-9 and, without covariates, the 2 × 2 table's closed form (see `twoByTwoTableClosedForm`).
    static let plink2Outlier = "rs2044"

    func expectMatchesPlink2(_ results: [VariantAssociation], reference: String) throws {
        let theirs = try Self.plink2(reference)
        #expect(results.count == 48 && theirs.count == 48)
        var compared = 0
        for r in results {
            let v = Self.fileset.variants[r.variant]
            let t = try #require(theirs[v.id])
            #expect((r.a1IsAlt ? v.allele1 : v.allele2) == t.a1, "\(v.id) A1")
            #expect(printedClose(r.a1Frequency, t.a1Frequency), "\(v.id) A1_FREQ \(r.a1Frequency) vs \(t.a1Frequency)")
            #expect(r.observations == t.observations, "\(v.id) OBS_CT")
            #expect(r.firth == t.firth, "\(v.id) FIRTH")
            #expect((r.error?.rawValue ?? ".") == t.error, "\(v.id) ERRCODE")
            guard let beta = t.beta, let se = t.se, let p = t.p, v.id != Self.plink2Outlier else { continue }
            // Firth fits: plink2 iterates in single precision, so 1e-3 there; 1e-4 (BETA, SE) and 1e-3 (P) otherwise.
            let tolerance = t.firth ? 1e-3 : 1e-4
            #expect(isApproximatelyEqual(try #require(r.beta), beta, relative: tolerance), "\(v.id) BETA \(r.beta!) vs \(beta)")
            #expect(isApproximatelyEqual(try #require(r.standardError), se, relative: tolerance), "\(v.id) SE \(r.standardError!) vs \(se)")
            #expect(isApproximatelyEqual(try #require(r.pValue), p, relative: 1e-3), "\(v.id) P \(r.pValue!) vs \(p)")
            compared += 1
        }
        #expect(compared >= 40)
    }

    @Test func famPhenotypeWithAllCovariatesMatchesPlink2() throws {
        try expectMatchesPlink2(try Self.run(covariates: []), reference: "gwas-ref-fam.glm")
    }

    @Test func phenotypeFileAndChosenCovariatesMatchPlink2() throws {
        let pheno = try SampleValueTable(path: fixturePath("gwas-small.pheno"), defaultPrefix: "PHENO")
        let results = try Self.run(phenotype: .file(pheno, column: "DIS2"), covariates: ["AGE", "PC1"])
        try expectMatchesPlink2(results, reference: "gwas-ref-dis2.glm")
    }

    @Test func omitRefTestsAltAndMatchesPlink2() throws {
        try expectMatchesPlink2(try Self.run(covariates: [], omitRef: true), reference: "gwas-ref-omitref.glm")
    }

    @Test func noCovariatesMatchesPlink2() throws {
        try expectMatchesPlink2(try Self.run(covariates: nil), reference: "gwas-ref-nocovar.glm")
    }

    /// Full precision against statsmodels for every variant it fitted (non-Firth, no ERRCODE), rs2044 included.
    /// (R's glm would do for BETA, but it reports the SE at the weights of its last-but-one iteration: 3e-8 off here.)
    @Test func matchesStatsmodelsToFullPrecision() throws {
        let results = try Self.run(covariates: [])
        let byID = Dictionary(uniqueKeysWithValues: results.map { (Self.fileset.variants[$0.variant].id, $0) })
        let text = try String(contentsOfFile: fixturePath("gwas-ref-fam-statsmodels.tsv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 44)
        for f in rows {
            let r = try #require(byID[f[0]])
            #expect(r.observations == Int(f[1]))
            #expect(isApproximatelyEqual(try #require(r.beta), Double(f[2])!, relative: 1e-9), "\(f[0]) BETA \(r.beta!) vs \(f[2])")
            #expect(isApproximatelyEqual(try #require(r.standardError), Double(f[3])!, relative: 1e-9), "\(f[0]) SE \(r.standardError!) vs \(f[3]) \(abs(r.standardError! / Double(f[3])! - 1))")
            #expect(isApproximatelyEqual(try #require(r.pValue), Double(f[5])!, relative: 1e-8), "\(f[0]) P \(r.pValue!) vs \(f[5])")
        }
    }

    /// Without covariates and with two genotype classes, the logistic MLE is the 2 × 2 table's log odds ratio with
    /// SE √(1/a + 1/b + 1/c + 1/d). rs2044's table over samples with a call (from `plink2 --snp rs2044 --export A`,
    /// counted with Python): A1 dosage 1: 76 cases, 110 controls; dosage 0: 90 cases, 111 controls.
    @Test func twoByTwoTableClosedForm() throws {
        let r = try #require(try Self.run(covariates: nil).first { Self.fileset.variants[$0.variant].id == "rs2044" })
        let beta = log((76.0 / 110) / (90.0 / 111))
        let se = (1 / 76.0 + 1 / 110.0 + 1 / 90.0 + 1 / 111.0).squareRoot()
        #expect(r.observations == 387)
        #expect(isApproximatelyEqual(try #require(r.beta), beta, relative: 1e-9))
        #expect(isApproximatelyEqual(try #require(r.standardError), se, relative: 1e-9))
    }

    /// Block size and thread count change only the work split, not the numbers.
    @Test func blockingAndThreadsDoNotChangeResults() throws {
        let reference = try Self.run(covariates: [])
        let split = try Self.run(covariates: [], threads: 2, blockSize: 5)
        for (a, b) in zip(reference, split) {
            #expect(a.variant == b.variant && a.error == b.error && a.firth == b.firth && a.observations == b.observations)
            if let x = a.beta, let y = b.beta { #expect(isApproximatelyEqual(y, x, relative: 1e-10)) }
            if let x = a.standardError, let y = b.standardError { #expect(isApproximatelyEqual(y, x, relative: 1e-10)) }
        }
    }

    /// With Firth fallback off, the variant whose A1 copies are all in cases is reported as separated.
    @Test func noFirthReportsSeparation() throws {
        let selection = GenotypeSelection.all(Self.fileset)
        let design = try CaseControlDesign(fileset: Self.fileset, selected: selection.samples, phenotype: .fam)
        var options = LogisticAssociation.Options(alleles: .alt)
        options.firthFallback = false
        let results = try LogisticAssociation.run(fileset: Self.fileset, design: design, variants: selection.variants,
                                                  options: options)
        let rare = try #require(results.first { Self.fileset.variants[$0.variant].id == "rs2040" })
        #expect(rare.error == .separation && rare.beta == nil && !rare.firth)
    }
}
