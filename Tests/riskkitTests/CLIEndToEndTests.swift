import Foundation
import RiskKitTestSupport
import Testing
import RiskKit

@Suite(.serialized) struct CLIEndToEndTests {
    let fixture = "Tests/RiskKitTests/Fixtures/train-small.csv"

    func trainedModel(_ folder: String, extra: [String] = []) throws -> String {
        let model = folder + "/model.json"
        let r = try CLIRunner.run(["train", "--data", fixture, "--outcome", "cvd_10y", "--id", "id", "--out", model] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return model
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func simulateWritesCohortGenotypesAndTruth() throws {
        let folder = try temporaryFolder()
        let r = try CLIRunner.run(["simulate", "--individuals", "30", "--snps", "5", "--seed", "9", "--out", folder])
        #expect(r.status == 0)
        let cohort = try String(contentsOfFile: folder + "/cohort.csv", encoding: .utf8).split(separator: "\n")
        #expect(cohort.count == 31)
        #expect(cohort[0].hasPrefix("id,age,sex,region,smoker"))
        let genotypes = try String(contentsOfFile: folder + "/genotypes.csv", encoding: .utf8).split(separator: "\n")
        #expect(genotypes[0] == "id,snp00001,snp00002,snp00003,snp00004,snp00005")
        let truth = try json(try String(contentsOfFile: folder + "/true-model.json", encoding: .utf8))
        #expect(truth["format"] as? String == "riskkit-true-model")
        #expect((truth["description"] as? String)?.contains("Synthetic") == true)
    }

    @Test func trainInspectEvaluateScore() throws {
        let folder = try temporaryFolder()
        let model = try trainedModel(folder)
        let inspect = try CLIRunner.run(["inspect", model, "--format", "json"])
        #expect(inspect.status == 0)
        let coefficients = try #require(try json(inspect.stdout)["coefficients"] as? [[String: Any]])
        #expect(coefficients.first?["name"] as? String == "(Intercept)")
        #expect(coefficients.contains { $0["name"] as? String == "sex=M" })
        for c in coefficients {
            #expect(Set(c.keys) == ["name", "estimate", "std_error", "z", "p_value", "ci_low", "ci_high", "odds_ratio"])
        }

        let evaluate = try CLIRunner.run(["evaluate", "--model", model, "--data", fixture, "--format", "json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let e = try json(evaluate.stdout)
        for key in ["n", "events", "auc", "auc_ci", "brier", "log_loss", "calibration_intercept", "calibration_slope", "hosmer_lemeshow", "nagelkerke_r2"] {
            #expect(e[key] != nil, "missing \(key)")
        }
        #expect(e["n"] as? Int == 397)
        #expect((e["auc_ci"] as? [Double])?.count == 2)
        // On its own training data a maximum-likelihood logistic fit is perfectly calibrated in the large and in
        // slope (the score equations): intercept 0 and slope 1 up to the convergence tolerance.
        #expect(abs((e["calibration_intercept"] as? Double ?? 1)) < 1e-6)
        #expect(abs((e["calibration_slope"] as? Double ?? 0) - 1) < 1e-6)
        #expect(evaluate.stderr.contains("skipped 3 rows with a missing outcome"))

        // The policy is written for a first ASCVD event in 10 years; this model declares no outcome, so it is applied
        // on the analyst's word.
        let score = try CLIRunner.run([
            "score", "--model", model, "--policy", "Models/default-policy.json", "--force-policy", "--format", "json",
            "--set", "age=60", "--set", "sex=M", "--set", "region=north", "--set", "smoker=1", "--set", "bmi=31",
            "--set", "systolic_bp=150",
        ])
        #expect(score.status == 0, "\(score.stderr)")
        let s = try json(score.stdout)
        for key in ["id", "risk", "percentile", "band", "contributions", "recommendations"] { #expect(s[key] != nil, "missing \(key)") }
        let recs = try #require(s["recommendations"] as? [[String: Any]])
        #expect(!recs.isEmpty)
        for r in recs {
            #expect(r["rule"] is String && r["source"] is String && r["kind"] is String && r["text"] is String)
            #expect(r.keys.contains("interval_months"))
        }
        #expect(recs.contains { $0["rule"] as? String == "LS-01" })  // current smoker → tobacco cessation
        let contributions = try #require(s["contributions"] as? [[String: Any]])
        #expect(contributions.allSatisfy { $0["feature"] is String && $0["value"] is Double })
    }

    @Test func penalizedFitWithCrossValidatedLambda() throws {
        let folder = try temporaryFolder()
        let model = try trainedModel(folder, extra: ["--penalty", "elasticnet", "--alpha", "0.5", "--cv", "5", "--lambda-choice", "1se"])
        let inspect = try CLIRunner.run(["inspect", model, "--format", "json"])
        let report = try json(inspect.stdout)
        let coefficients = try #require(report["coefficients"] as? [[String: Any]])
        // Inference fields are present and null for penalized fits.
        for c in coefficients {
            #expect(c["std_error"] is NSNull && c["p_value"] is NSNull && c["odds_ratio"] is NSNull)
        }
        let fit = try #require(report["fit"] as? [String: Any])
        let selection = try #require(fit["lambda_selection"] as? [String: Any])
        let lambdaMin = try #require(selection["lambda_min"] as? Double)
        let lambda1SE = try #require(selection["lambda_1se"] as? Double)
        #expect(lambda1SE >= lambdaMin)
        #expect(fit["lambda"] as? Double == lambda1SE)
        #expect(selection["chosen"] as? String == "lambda_1se")
    }

    @Test func scoreFileStreamsAndWritesOwnerOnly() throws {
        let folder = try temporaryFolder()
        let model = try trainedModel(folder)
        let out = folder + "/scores.csv"
        let r = try CLIRunner.run(["score", "--model", model, "--data", fixture, "--format", "csv", "--out", out, "--no-policy"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 401)
        #expect(lines[0] == "id,risk,percentile,band,top_factors,recommendations,imputed,status,not_assessable_reason,model_checksum,policy_version,scored_at,recommendation_texts,extrapolated")
        #expect(lines[1].hasPrefix("S7-000001,"))
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func jsonPatientOnStandardInput() throws {
        let folder = try temporaryFolder()
        let model = try trainedModel(folder)
        let r = try CLIRunner.run(["score", "--model", model, "--format", "json", "--no-policy"],
                                  stdin: #"{"age": 50, "sex": "F", "region": "east", "smoker": false, "bmi": 24.5, "systolic_bp": 120}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try json(r.stdout)["risk"] is Double)
    }

    @Test func exitCodes() throws {
        let folder = try temporaryFolder()
        // 66: input file missing.
        #expect(try CLIRunner.run(["train", "--data", folder + "/none.csv", "--outcome", "y", "--out", folder + "/m.json"]).status == 66)
        // 64: usage error.
        #expect(try CLIRunner.run(["train", "--data", fixture, "--outcome", "cvd_10y", "--out", folder + "/m.json", "--lambda", "0.1"]).status == 64)
        // 65: ragged row, naming file and line.
        let ragged = folder + "/ragged.csv"
        try "a,b,y\n1,2,0\n3,4\n5,6,1\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["train", "--data", ragged, "--outcome", "y", "--out", folder + "/m.json"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("ragged.csv:3"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
        // 65: scoring data without a required column lists every missing column.
        let model = try trainedModel(folder)
        let partial = folder + "/partial.csv"
        try "id,age,sex\nA,50,F\n".write(toFile: partial, atomically: true, encoding: .utf8)
        let s = try CLIRunner.run(["score", "--model", model, "--data", partial])
        #expect(s.status == 65)
        #expect(s.stderr.contains("region") && s.stderr.contains("smoker") && s.stderr.contains("bmi") && s.stderr.contains("systolic_bp"))
        // 65: an edited model file.
        var text = try String(contentsOfFile: model, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"converged\" : true", with: "\"converged\" : false")
        try text.write(toFile: model, atomically: true, encoding: .utf8)
        let edited = try CLIRunner.run(["inspect", model])
        #expect(edited.status == 65)
        #expect(edited.stderr.contains("checksum mismatch"))
    }
}

@Suite struct CLIDataProblemTests {
    func train(_ csv: String) throws -> CLIRunner.Result {
        let folder = try temporaryFolder()
        try csv.write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        return try CLIRunner.run(["train", "--data", folder + "/d.csv", "--outcome", "y", "--out", folder + "/m.json"])
    }

    @Test func separationAndCollinearityAreNamed() throws {
        let separated = try train("x,z,y\n1,0.3,0\n2,0.1,0\n3,0.7,0\n4,0.2,1\n5,0.9,1\n6,0.4,1\n")
        #expect(separated.status == 65)
        #expect(separated.stderr.contains("separation") && separated.stderr.contains("`x`"))
        let collinear = try train("x,x2,z,y\n1,2,0.3,0\n2,4,0.1,1\n3,6,0.7,0\n4,8,0.2,1\n5,10,0.9,0\n6,12,0.4,1\n")
        #expect(collinear.status == 65)
        #expect(collinear.stderr.contains("`x2` is a linear combination of `x`"))
    }

    @Test func typoInANumericColumnIsNotACategory() throws {
        let r = try train("id,bmi,y\na,22,0\nb,2O.5,1\nc,25,0\nd,30,1\n")
        #expect(r.status == 65)
        #expect(r.stderr.contains("d.csv:3: column `bmi`"))
        #expect(!r.stderr.contains("2O.5"))  // patient values are never echoed to logs
    }

    @Test func constantFeatureAndOneClassOutcome() throws {
        let constant = try train("a,c,y\n1,5,0\n2,5,1\n3,5,0\n4,5,1\n")
        #expect(constant.status == 65 && constant.stderr.contains("column `c`"))
        let oneClass = try train("a,y\n1,1\n2,1\n3,1\n")
        #expect(oneClass.status == 65 && oneClass.stderr.contains("one class"))
    }

    /// --quiet keeps errors and drops information; --verbose adds the run time.
    @Test func quietAndVerboseSetTheMessageLevel() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let simulate = ["simulate", "--individuals", "50", "--snps", "2", "--seed", "1", "--out", folder]
        #expect(try CLIRunner.run(simulate).stderr.hasPrefix("riskkit: simulated 50 individuals"))
        let quiet = try CLIRunner.run(simulate + ["--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        let verbose = try CLIRunner.run(simulate + ["--verbose"])
        #expect(verbose.stderr.contains("riskkit: finished in "))
        let failing = try CLIRunner.run(["inspect", folder + "/none.json", "--quiet"])
        #expect(failing.status == 66 && failing.stderr.hasPrefix("riskkit: error: cannot open"))
        #expect(try CLIRunner.run(simulate + ["-q", "-v"]).status == 64)
    }

    /// A setting the library finds wrong is a usage error (64) naming the flag; bad data keeps 65 and the flag that
    /// helps.
    @Test func settingsFoundByTheLibraryAreUsageErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,y\n1,yes\n2,no\n3,yes\n4,no\n".write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        let base = ["train", "--data", folder + "/d.csv", "--outcome", "y", "--out", folder + "/m.json"]
        let wrongLabel = try CLIRunner.run(base + ["--positive", "maybe"])
        #expect(wrongLabel.status == 64 && wrongLabel.stderr.contains("--positive"))
        try "a,c,y\n1,5,0\n2,5,1\n3,5,0\n4,5,1\n".write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let constant = try CLIRunner.run(["train", "--data", folder + "/c.csv", "--outcome", "y", "--out", folder + "/m.json"])
        #expect(constant.status == 65 && constant.stderr.hasSuffix("feature is constant (every value is 5); remove it with --exclude\n"))
    }
}

@Suite struct ShippedFilesTests {
    /// The shipped demo model must load (checksum intact), say it is synthetic, and score the example patients
    /// with the default policy beside it.
    @Test func demoModelScoresExamplePatients() throws {
        let inspect = try CLIRunner.run(["inspect", "Models/demo-cvd-model.json", "--format", "json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let model = try #require(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect((model["description"] as? String)?.contains("SYNTHETIC") == true)
        let score = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--data", "Notebooks-data/patients.csv", "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let lines = score.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let patient = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(patient["band"] is String)
            #expect(patient["policy_version"] as? String == "2026.12.1")
        }
    }

    /// The shipped genetic demo model and its polygenic score say they are synthetic and score the genetic test
    /// cohort from its genotypes.
    @Test func geneticDemoModelScoresWithGenotypes() throws {
        let prs = try PolygenicScoreModel.load(path: CLIRunner.packageRoot.path + "/Models/demo-cvd-prs.prs.json")
        #expect(prs.description?.contains("SYNTHETIC") == true && prs.ancestry?.pca.componentCount == 4)
        let inspect = try CLIRunner.run(["inspect", "Models/demo-cvd-genetic-model.json", "--format", "json"])
        let model = try #require(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect((model["description"] as? String)?.contains("SYNTHETIC") == true && model["genetics"] != nil)
        let g = "Notebooks-data/genetic/test/cohort"
        let score = try CLIRunner.run(["score", "--model", "Models/demo-cvd-genetic-model.json", "--data", g + ".csv",
                                       "--bfile", g, "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.split(separator: "\n").count == 2000)
        let percentiles = try CLIRunner.run(["prs", "score", "--model", "Models/demo-cvd-prs.prs.json", "--bfile", g])
        #expect(percentiles.status == 0 && percentiles.stdout.hasPrefix("#IID\tSCORE\tPERCENTILE\tPC1"))
    }
}

@Suite struct FreqCommandTests {
    /// `riskkit freq` on the plink2-made fixture: header as plink2's .afreq plus missingness, one row per variant,
    /// and the same ALT_FREQ as plink2 v2.00a3.5 `--freq` (Tests/RiskKitTests/Fixtures/plink-tiny-ref.afreq).
    @Test func freqMatchesPlink2Afreq() throws {
        let r = try CLIRunner.run(["freq", "--bfile", "Tests/RiskKitTests/Fixtures/plink-tiny"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "#CHROM\tID\tREF\tALT\tALT_FREQS\tOBS_CT\tMISSING_CT\tMISSING_RATE")
        #expect(lines.count == 38)
        let reference = try String(contentsOfFile: CLIRunner.packageRoot.path + "/Tests/RiskKitTests/Fixtures/plink-tiny-ref.afreq", encoding: .utf8)
            .split(separator: "\n").dropFirst()
        for (ours, theirs) in zip(lines.dropFirst(), reference) {
            let a = ours.split(separator: "\t"), b = theirs.split(separator: "\t")
            #expect(a[1] == b[1] && a[4] == b[4] && a[5] == b[5], "\(ours) vs \(theirs)")
        }
    }

    @Test func missingFilesetIsExit66() throws {
        #expect(try CLIRunner.run(["freq", "--bfile", "/nonexistent/prefix"]).status == 66)
    }
}
