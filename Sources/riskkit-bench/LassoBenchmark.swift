import Foundation
import RiskKit

/// `riskkit-bench lasso`: a cross-validated penalized polygenic score (``PenalizedScore``) on a simulated case/control
/// study, with its held-out AUC on separate test samples.
///
/// Options: `--samples N` (8000), `--variants M` (100000), `--causal C` (500), `--test T` (2000 held-out samples),
/// `--variance V` (3: variance of the genetic log-odds), `--alpha A` (1), `--folds K` (5), `--lambdas L` (100),
/// `--threads T` (2), `--dir DIR` (`/tmp/riskkit-lasso-bench`; the fileset is made once and reused). Data: the
/// fileset comes from `plink2 --dummy N M 0.01 acgt --seed 17 --make-bed` (1% missing calls); C causal variants
/// (SplitMix64 seed 29) get N(0, 1) effects on their standardized, mean-imputed dosages, scaled so the genetic
/// log-odds has variance V; the outcome is Bernoulli(logistic(−0.4 + genetic + 0.03·(AGE − 55) + 0.2·SEX)) with
/// AGE uniform 35–75 and SEX 0/1. Written to DIR: `lasso.pheno` (`#FID IID PHENO`, 1 control / 2 case),
/// `lasso.covar` (`#FID IID AGE SEX`), `lasso.train.txt` / `lasso.test.txt` (FID IID, for `--keep`),
/// `lasso.causal.tsv` (ID A1 BETA per standardized dosage) and `lasso.weights.tsv` (ID A1 WEIGHT of the chosen
/// model, per A1 dosage). Prints the fit's wall time, in-process peak RSS, path length, nonzero counts and the
/// CV and held-out AUCs at the minimum-deviance and one-SE λ.
enum LassoBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 8_000), variants = options.integer("--variants", 100_000)
        let causal = options.integer("--causal", 500), testCount = options.integer("--test", 2_000)
        let variance = options.text("--variance").flatMap(Double.init) ?? 3
        let alpha = options.text("--alpha").flatMap(Double.init) ?? 1
        let folds = options.integer("--folds", 5), lambdas = options.integer("--lambdas", 100)
        let threads = options.integer("--threads", 2)
        let dir = options.text("--dir") ?? "/tmp/riskkit-lasso-bench"
        guard folds >= 2, testCount > 0, testCount < samples, causal > 0, causal <= variants else {
            throw BenchmarkFailure(message: "need --folds ≥ 2, 0 < --test < --samples and 0 < --causal ≤ --variants")
        }
        BLASThreads.set(1)  // the gradient passes run on `threads` threads; BLAS is only called from one of them
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prefix = "\(dir)/dummy-\(samples)x\(variants)"
        if !FileManager.default.fileExists(atPath: prefix + ".bed") {
            try PRSBenchmark.shell(["plink2", "--dummy", "\(samples)", "\(variants)", "0.01", "acgt", "--seed", "17",
                                    "--make-bed", "--out", prefix, "--threads", "\(threads)"])
        }
        let fileset = try PlinkFileset(prefix: prefix)
        let all = SampleSubset.all(samples)

        // Simulated outcome and covariates.
        var rng = SplitMix64(seed: 29)
        var pool = Array(0..<variants)
        for i in 0..<causal { pool.swapAt(i, i + Int(rng.next(below: UInt64(variants - i)))) }
        let causalVariants = Array(pool[0..<causal]).sorted()
        let dosages = fileset.decode(variants: causalVariants, samples: all, missing: .meanImputed)
        var genetic = [Double](repeating: 0, count: samples)
        var effects: [Double] = []
        for j in 0..<causal {
            let column = dosages.column(j)
            let mean = column.reduce(0, +) / Double(samples)
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples)).squareRoot()
            let beta = rng.nextNormal()
            effects.append(sd > 0 ? beta : 0)
            if sd > 0 { for i in 0..<samples { genetic[i] += beta * (column[i] - mean) / sd } }
        }
        let gMean = genetic.reduce(0, +) / Double(samples)
        let gSD = (genetic.reduce(0) { $0 + ($1 - gMean) * ($1 - gMean) } / Double(samples)).squareRoot()
        let factor = variance.squareRoot() / gSD
        var age = [Double](), sex = [Double](), outcome = [Double]()
        for i in 0..<samples {
            age.append(Double(35 + Int(rng.nextUniform() * 41)))
            sex.append(rng.nextUniform() < 0.5 ? 0 : 1)
            let eta = -0.4 + (genetic[i] - gMean) * factor + 0.03 * (age[i] - 55) + 0.2 * sex[i]
            outcome.append(rng.nextUniform() < 1 / (1 + exp(-eta)) ? 1 : 0)
        }
        var order = Array(0..<samples)
        for i in stride(from: samples - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next(below: UInt64(i + 1)))) }
        let test = Array(order[0..<testCount]).sorted(), train = Array(order[testCount...]).sorted()

        func id(_ i: Int) -> String { "\(fileset.samples[i].familyID) \(fileset.samples[i].individualID)" }
        try ("#FID IID PHENO\n" + (0..<samples).map { "\(id($0)) \(outcome[$0] == 1 ? 2 : 1)\n" }.joined())
            .write(toFile: "\(dir)/lasso.pheno", atomically: true, encoding: .utf8)
        try ("#FID IID AGE SEX\n" + (0..<samples).map { "\(id($0)) \(Int(age[$0])) \(Int(sex[$0]))\n" }.joined())
            .write(toFile: "\(dir)/lasso.covar", atomically: true, encoding: .utf8)
        try train.map { id($0) + "\n" }.joined().write(toFile: "\(dir)/lasso.train.txt", atomically: true, encoding: .utf8)
        try test.map { id($0) + "\n" }.joined().write(toFile: "\(dir)/lasso.test.txt", atomically: true, encoding: .utf8)
        try ("ID A1 BETA\n" + zip(causalVariants, effects).map { v, b in
            "\(fileset.variants[v].id) \(fileset.variants[v].allele1) \(String(format: "%.6g", b * factor))\n"
        }.joined()).write(toFile: "\(dir)/lasso.causal.tsv", atomically: true, encoding: .utf8)
        let cases = outcome.reduce(0, +)
        FitBenchmark.say(String(format: "data     %d samples × %d variants (.bed %.0f MB), %d causal, genetic log-odds variance %.2f, %.0f cases",
                                samples, variants, Double(variants * fileset.bytesPerVariant) / 1e6, causal, variance, cases))
        FitBenchmark.say("files    \(dir)/lasso.{pheno,covar,train.txt,test.txt,causal.tsv}; train \(train.count), test \(test.count)")

        // Fit on the training samples.
        let covariates = { (rows: [Int]) in Matrix(rowMajor: rows.map { [age[$0], sex[$0]] }) }
        let settings = PenalizedScore.Options(alpha: alpha, lambdaCount: lambdas, folds: folds, seed: 5, threads: threads)
        let start = Date()
        let fit = try PenalizedScore.fit(
            fileset: fileset, samples: SampleSubset(indices: train, of: samples), variants: Array(0..<variants),
            outcome: train.map { outcome[$0] }, covariates: covariates(train), options: settings
        ) { line in
            FileHandle.standardError.write(Data(String(format: "%7.1f s  %@\n", Date().timeIntervalSince(start), line).utf8))
        }
        let seconds = Date().timeIntervalSince(start)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        guard let cv = fit.crossValidation else { throw BenchmarkFailure(message: "no cross-validation result") }
        FitBenchmark.say(String(format: "fit      alpha %.2f, %d-fold CV, %d threads: %.1f s wall, peak RSS %.0f MB (dense N×M would be %.0f MB)",
                                alpha, folds, threads, seconds, Double(usage.ru_maxrss) / 1024,
                                Double(train.count * variants * 8) / 1e6))
        FitBenchmark.say("path     \(fit.lambdas.count) λ (stop: \(fit.stop.rawValue)), \(fit.usedVariantCount) variants used, "
                         + "\(fit.excludedMonomorphic.count) monomorphic and \(fit.excludedWithoutCalls.count) without calls excluded")
        let testSamples = SampleSubset(indices: test, of: samples), testOutcome = test.map { outcome[$0] }
        for (label, index) in [("min", cv.minimumIndex), ("1se", cv.oneStandardErrorIndex)] {
            let model = fit.path[index]
            let eta = try model.linearPredictor(fileset: fileset, samples: testSamples, covariates: covariates(test))
            let auc = try BinaryMetrics.auc(outcome: testOutcome, predicted: eta.map { 1 / (1 + exp(-$0)) })
            FitBenchmark.say(String(format: "lambda.%@ index %d, λ %.4g: %d nonzero variants (%d causal), CV deviance %.4f ± %.4f, CV AUC %.4f, held-out AUC %.4f",
                                    label, index, model.lambda, model.nonzeroCount,
                                    Set(model.variants).intersection(causalVariants).count, cv.meanDeviance[index],
                                    cv.devianceStandardError[index], cv.meanAUC[index], auc))
        }
        let chosen = fit.chosen
        try ("ID A1 WEIGHT\n" + zip(chosen.variants, chosen.weights).map { v, w in
            "\(fileset.variants[v].id) \(fileset.variants[v].allele1) \(String(format: "%.8g", w))\n"
        }.joined()).write(toFile: "\(dir)/lasso.weights.tsv", atomically: true, encoding: .utf8)
        FitBenchmark.say("weights  \(dir)/lasso.weights.tsv (lambda.min model; intercept \(chosen.intercept), AGE \(chosen.covariateCoefficients[0]), SEX \(chosen.covariateCoefficients[1]))")
    }
}
