import Foundation
import Testing
import RiskKitTestSupport

/// `riskkit gwas` end to end on the gwas-small fixture; the numbers themselves are checked against plink2 and
/// statsmodels in RiskKitTests/Association. Here: the output contract, files, logs and exit codes.
@Suite struct GWASCommandTests {
    let bfile = "Tests/RiskKitTests/Fixtures/gwas-small"
    let covar = "Tests/RiskKitTests/Fixtures/gwas-small.covar"
    let pheno = "Tests/RiskKitTests/Fixtures/gwas-small.pheno"

    func rows(_ text: String, separator: Character = "\t") -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
    }

    /// rs2000 in gwas-ref-fam.glm (plink2 v2.00a3.5): A1 A, A1_FREQ 0.469657, OBS_CT 379, BETA 0.661455; its SE
    /// 0.160937 is single-precision, statsmodels' 0.16093791403 (gwas-ref-fam-statsmodels.tsv) rounds to 0.160938.
    @Test func tabSeparatedRowsWithThePlink2Columns() throws {
        let r = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", covar])
        #expect(r.status == 0, "\(r.stderr)")
        let table = rows(r.stdout)
        #expect(table.first == ["#CHROM", "POS", "ID", "REF", "ALT", "A1", "A1_FREQ", "OBS_CT", "BETA", "SE", "Z_STAT",
                                "P", "FIRTH", "ERRCODE"])
        #expect(table.count == 49)
        #expect(Array(table[1][0..<10]) == ["1", "50000", "rs2000", "C", "A", "A", "0.469657", "379", "0.661455", "0.160938"])
        #expect(table.contains { $0[2] == "rs2040" && $0[12] == "Y" && $0[13] == "." })
        #expect(table.contains { $0[2] == "rs2043" && $0[8] == "NA" && $0[13] == "CORR_TOO_HIGH" })
        #expect(r.stderr.contains("phenotype PHENO1: 167 cases, 227 controls; left out 6 with a missing covariate"))
        #expect(r.stderr.contains("48 variants tested, 1 by Firth regression, 2 NA (CONST_OMITTED_ALLELE), 1 NA (CORR_TOO_HIGH)"))
    }

    /// λ_GC on standard error. plink2 v2.00a3.5, `plink2 --bfile gwas-small --covar gwas-small.covar --glm hide-covar
    /// cols=… --covar-variance-standardize --adjust`, logs "Genomic inflation est. lambda (based on median chisq) =
    /// 1.04106": it divides by 0.456 (PLINK's rounded median of χ²₁), so its median χ² is 1.04106 × 0.456 = 0.474723;
    /// over the exact median 0.4549364 that is λ = 1.0435.
    @Test func genomicInflationOnStandardError() throws {
        let r = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", covar])
        #expect(r.status == 0)
        #expect(r.stderr.contains("genomic inflation λ_GC = \(String(format: "%.4f", 1.04106 * 0.456 / 0.45493642311957283)) (median χ² of 45 tests / 0.4549)"))
    }

    /// λ_GC in JSON: the last line is the run's summary. Reference as above (plink2 v2.00a3.5 `--adjust`: λ 1.04106
    /// over 0.456, printed to 6 digits, so the median χ² is 0.474723 ± 5e-7); the counts are those the log reports.
    @Test func genomicInflationInJSON() throws {
        let r = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", covar, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let last = try #require(r.stdout.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["variants"] as? Int == 48 && summary["tests"] as? Int == 45 && summary["firth"] as? Int == 1)
        #expect(summary["na"] as? [String: Int] == ["CONST_OMITTED_ALLELE": 2, "CORR_TOO_HIGH": 1])
        let median = try #require(summary["median_chisq"] as? Double)
        #expect(abs(median - 1.04106 * 0.456) < 1e-6)
        let lambda = try #require(summary["lambda_gc"] as? Double)
        #expect(abs(lambda - median / 0.45493642311957283) < 1e-12)
    }

    @Test func jsonLinesToAFile() throws {
        let out = try temporaryFolder() + "/gwas.json"
        let r = try CLIRunner.run(["gwas", "--bfile", bfile, "--pheno", pheno, "--pheno-name", "DIS2", "--covar", covar,
                                   "--covar-name", "AGE,PC1", "--format", "json", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 49)
        #expect(lines.last?.hasPrefix("{\"summary\": {\"variants\": 48, ") == true)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "rs2000" && first?["firth"] as? Bool == false)
        #expect(first?["obs_ct"] as? Int != nil && first?["beta"] as? Double != nil)
    }

    /// The genotype commands share `--format tsv|csv|table|json`: csv is comma-separated, table aligned.
    @Test func csvAndTableFormats() throws {
        let csv = try CLIRunner.run(["gwas", "--bfile", bfile, "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("#CHROM,POS,ID,REF,ALT,A1,A1_FREQ,OBS_CT,BETA,SE,Z_STAT,P,FIRTH,ERRCODE\n"))
        let table = try CLIRunner.run(["gwas", "--bfile", bfile, "--format", "table"])
        let lines = table.stdout.split(separator: "\n")
        #expect(table.status == 0 && lines.first?.hasPrefix("CHROM") == true && lines.contains { $0.contains("rs2000") })
        let freq = try CLIRunner.run(["freq", "--bfile", "Tests/RiskKitTests/Fixtures/plink-tiny", "--format", "csv"])
        #expect(freq.stdout.hasPrefix("#CHROM,ID,REF,ALT,ALT_FREQS,OBS_CT,MISSING_CT,MISSING_RATE\n"))
    }

    /// gwas-x: gwas-small with chromosome 2 renamed X; plink2 v2.00a3.5 (gwas-ref-x.glm, command in
    /// gwas-fixtures.sh) adds .fam sex as a covariate on X (its default --xchr-model 2). A1, OBS_CT, FIRTH and ERRCODE
    /// agree exactly, A1_FREQ at printed precision, BETA within 1e-4 and P within 1e-3 (the genotype issue's
    /// tolerances; plink2 computes in single precision), SE within 1e-4 except rs2044's (plink2 0.08 % off there;
    /// see LogisticAssociationTests).
    @Test func chromosomeXGetsTheSexCovariateLikePlink2() throws {
        let r = try CLIRunner.run(["gwas", "--bfile", "Tests/RiskKitTests/Fixtures/gwas-x", "--covar", covar,
                                   "--covar-name", "AGE,PC1,PC2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("chromosome X: 24 variants with sex (.fam) as a covariate"))
        #expect(!r.stderr.contains("warning"))
        let ours = rows(r.stdout).dropFirst()
        let theirs = rows(try String(contentsOfFile: CLIRunner.packageRoot.path + "/Tests/RiskKitTests/Fixtures/gwas-ref-x.glm",
                                     encoding: .utf8)).dropFirst()
        #expect(ours.count == 48 && theirs.count == 48)
        func close(_ a: String, _ b: String, _ tolerance: Double = 0) -> Bool {
            guard let x = Double(a), let y = Double(b), y != 0 else { return a == b }
            return isApproximatelyEqual(x, y, relative: tolerance) || matchesPrinted(x, y, units: 1)
        }
        for (a, b) in zip(ours, theirs) {
            // ours: CHROM POS ID REF ALT A1 A1_FREQ OBS_CT BETA SE Z_STAT P FIRTH ERRCODE
            // plink2: CHROM POS ID REF ALT A1 A1_FREQ FIRTH? TEST OBS_CT BETA SE Z_STAT P ERRCODE
            #expect(Array(a[0..<6]) == Array(b[0..<6]) && a[7] == b[9] && a[12] == b[7] && a[13] == b[14], "\(a) vs \(b)")
            #expect(close(a[6], b[6]) && close(a[8], b[10], 1e-4) && close(a[11], b[13], 1e-3), "\(a) vs \(b)")
            if a[2] != "rs2044" { #expect(close(a[9], b[11], 1e-4), "\(a) vs \(b)") }
        }
    }

    /// Covariates and phenotype from a RiskKit CSV (gwas-small.csv: id, age, sex M/F, site text, status 0/1, made by
    /// gwas-csv-gen.py). Reference: plink2 v2.00a3.5 on the same values in PLINK 2 layout with text columns, which
    /// plink2 reads as categorical (gwas-ref-cat.glm, command in gwas-fixtures.sh). OBS_CT, FIRTH and ERRCODE agree
    /// exactly, BETA and SE to plink2's 6 printed digits, except where plink2's single precision shows (as in
    /// LogisticAssociationTests): a BETA tiny next to its SE (then within 1e-4 SE), and rs2044's SE, 0.46 % off in
    /// plink2; statsmodels 0.15.0 (gwas-csv-statsmodels.py) gives β −0.1569385432041186, SE 0.22577617152826648 on
    /// the same 377 samples, and so do we. The same covariates in PLINK 2 layout
    /// (gwas-small-cat.covar) give byte-identical output: one code path.
    @Test func covariatesAndPhenotypeFromCSVLikePlink2Categorical() throws {
        let fixtures = "Tests/RiskKitTests/Fixtures/"
        let r = try CLIRunner.run(["gwas", "--bfile", bfile, "--pheno", fixtures + "gwas-small.csv", "--pheno-name", "status",
                                   "--covar", fixtures + "gwas-small.csv", "--covar-name", "age,sex,site"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("phenotype status: 122 cases, 268 controls; left out 5 without a phenotype, 5 with a missing covariate"))
        #expect(r.stderr.contains("4 covariates: age, sex=M, site=north, site=south"))
        let ours = rows(r.stdout).dropFirst()
        let theirs = rows(try String(contentsOfFile: CLIRunner.packageRoot.path + "/" + fixtures + "gwas-ref-cat.glm",
                                     encoding: .utf8)).dropFirst()
        #expect(ours.count == 48 && theirs.count == 48)
        for (a, b) in zip(ours, theirs) {
            #expect(a[2] == b[2] && a[7] == b[9] && a[12] == b[7] && a[13] == b[14], "\(a) vs \(b)")
            guard let beta = Double(a[8]), let se = Double(a[9]) else { #expect(a[8] == b[10]); continue }
            let theirBeta = try #require(Double(b[10]))
            #expect(matchesPrinted(beta, theirBeta, units: 1) || abs(beta - theirBeta) <= 1e-4 * se, "\(a) vs \(b)")
            if a[2] != "rs2044" { #expect(matchesPrinted(se, try #require(Double(b[11])), units: 1), "\(a) vs \(b)") }
            if a[2] == "rs2044" {
                #expect(a[7] == "377" && matchesPrinted(-0.1569385432041186, beta, units: 1)
                        && matchesPrinted(0.22577617152826648, se, units: 1), "\(a)")
            }
        }
        let plinkLayout = try CLIRunner.run(["gwas", "--bfile", bfile, "--pheno", pheno, "--pheno-name", "DIS2",
                                             "--covar", fixtures + "gwas-small-cat.covar"])
        #expect(plinkLayout.status == 0 && plinkLayout.stdout == r.stdout)
        // Every column of the CSV as covariates (the status column too), phenotype from the .fam: it runs.
        let all = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", fixtures + "gwas-small.csv"])
        #expect(all.status == 0 && all.stderr.contains("5 covariates: age, sex=M, site=north, site=south, status"), "\(all.stderr)")
    }

    /// A CSV covariate file without an id column, a column mixing numbers and text, a one-level category.
    @Test func csvCovariateErrorsNameFileLineAndColumn() throws {
        let folder = try temporaryFolder()
        func run(_ text: String, _ extra: [String] = []) throws -> CLIRunner.Result {
            try text.write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
            return try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", folder + "/c.csv"] + extra)
        }
        let noID = try run("patient,age\nP1,50\n")
        #expect(noID.status == 65 && noID.stderr.contains("c.csv:1: no sample id column") && noID.stderr.contains("patient, age"))
        let named = try run("patient,age\nP1,50\nP2,60\n", ["--id", "patient"])
        #expect(named.stderr.contains("left out 398 with a missing covariate") && named.stderr.contains("1 covariates: age"))
        let mixed = try run("id,age\nP1,50\nP2,old\n")
        #expect(mixed.status == 65 && mixed.stderr.contains("c.csv:3: column `age`: covariate value `old` is not a number"))
        let constant = try run("id,sex\nP1,F\nP2,F\nP3,F\n")
        #expect(constant.status == 65 && constant.stderr.contains(
            "column `sex`: the covariate takes one value (`F`) in all 3 samples with a phenotype and every covariate; leave it out with --covar-name"),
            "\(constant.stderr)")
    }

    @Test func unknownColumnsAndBadFlagsFailWithTheRightCodes() throws {
        let missingColumn = try CLIRunner.run(["gwas", "--bfile", bfile, "--pheno", pheno, "--pheno-name", "DIS9"])
        #expect(missingColumn.status == 65)
        #expect(missingColumn.stderr.contains("DIS9") && missingColumn.stderr.contains("DIS1, DIS2"))
        let usage = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar-name", "AGE"])
        #expect(usage.status == 64)
        let absent = try CLIRunner.run(["gwas", "--bfile", bfile, "--covar", "no-such-file.txt"])
        #expect(absent.status == 66)
    }
}
