import ArgumentParser
import Foundation
import RiskKit

/// `prs build --method lasso|elasticnet` settings.
struct PenalizedBuildOptions: ParsableArguments {
    @Option(help: "elasticnet: mixing α in (0, 1) (lasso is α = 1).") var alpha = 0.5
    @Option(help: "lasso/elasticnet: cross-validation folds for choosing λ.") var folds = 5
    @Option(name: .customLong("lambda-count"), help: "lasso/elasticnet: λ values on the path.") var lambdaCount = 100
    @Option(name: .customLong("lambda-min-ratio"), help: "lasso/elasticnet: smallest λ as a fraction of λ_max (default 1e-4, or 1e-2 when variants outnumber samples).")
    var lambdaMinRatio: Double?
    @Option(name: .customLong("max-active"), help: "lasso/elasticnet: stop the path after more than this many nonzero variants.")
    var maxActive = 10_000
    @Option(help: "lasso/elasticnet: seed of the fold assignment.") var seed: UInt64 = 1
}

extension PRSBuild {
    func validatePenalized() throws {
        guard method != .ct else { return }
        if method == .elasticnet && !(penalized.alpha > 0 && penalized.alpha < 1) {
            throw ValidationError("--alpha must lie strictly between 0 and 1 for elasticnet (lasso is α = 1)")
        }
        if penalized.folds < 2 { throw ValidationError("--folds must be at least 2") }
        if penalized.lambdaCount < 2 { throw ValidationError("--lambda-count must be at least 2") }
        if let r = penalized.lambdaMinRatio, !(r > 0 && r < 1) { throw ValidationError("--lambda-min-ratio must lie in (0, 1)") }
        if penalized.maxActive < 1 { throw ValidationError("--max-active must be at least 1") }
    }

    /// Lasso / elastic net over every selected variant, λ by K-fold cross-validation on the training samples (the
    /// selected samples with a phenotype, without the --validate ones); the held-out validation samples give the
    /// score's AUC and the reference distribution.
    func buildPenalized(fileset: PlinkFileset, selection: GenotypeSelection) throws -> Built {
        var training = selection.samples
        let held = try validationSubset(fileset: fileset, selection: selection)
        if let held {
            let heldOut = Set(held.indices)
            training = SampleSubset(indices: selection.samples.indices.filter { !heldOut.contains($0) }, of: fileset.sampleCount)
            log.info("validation: these \(held.count) samples are held out of the fit")
        } else {
            log.warning("no --validate; the score is fitted on every selected sample and no held-out AUC is reported")
        }
        log.info("training samples:")
        let design = try caseControl.design(fileset: fileset, samples: training)
        var options = PenalizedScore.Options()
        options.alpha = method == .lasso ? 1 : penalized.alpha
        options.folds = penalized.folds
        options.lambdaCount = penalized.lambdaCount
        options.lambdaMinRatio = penalized.lambdaMinRatio
        options.maxActive = penalized.maxActive
        options.seed = penalized.seed
        options.threads = threading.threads
        // Each pass over the variants runs on our own threads; OpenBLAS's would only compete with them.
        BLASThreads.set(1)
        BLASThreads.shutDownWorkers()
        let bar = Progress(label: method.rawValue, unit: "")
        let start = Date()
        let fit = try PenalizedScore.fit(
            fileset: fileset, samples: design.samples, variants: selection.variants, outcome: design.outcome,
            covariates: design.covariates.columns > 0 ? design.covariates : nil, options: options,
            progress: { bar.stage($0) })
        bar.clear()
        let chosen = fit.chosen
        let path = String(format: "%@ path: %d λ in %.1f s (%@); λ = %.4g by %d-fold CV (minimum held-out deviance), %d nonzero variants",
                          method.rawValue, fit.lambdas.count, Date().timeIntervalSince(start), fit.stop.rawValue,
                          chosen.lambda, penalized.folds, chosen.nonzeroCount)
        let leftOut = fit.excludedMonomorphic.isEmpty && fit.excludedWithoutCalls.isEmpty ? ""
            : "; left out \(fit.excludedMonomorphic.count) monomorphic variants and \(fit.excludedWithoutCalls.count) without calls"
        log.info("\(path)\(leftOut)")
        var files = ["bed": prefix + ".bed", "bim": prefix + ".bim", "fam": prefix + ".fam"]
        if let validationFile { files["validate"] = validationFile }
        if let pheno = caseControl.pheno { files["pheno"] = pheno }
        if let covar = caseControl.covar { files["covar"] = covar }
        let settings = ["method": method.rawValue, "alpha": "\(options.alpha)", "folds": "\(penalized.folds)",
                        "lambda_count": "\(penalized.lambdaCount)", "max_active": "\(penalized.maxActive)",
                        "seed": "\(penalized.seed)"]
        // The reference samples: the held-out ones when there are some, else the training samples.
        let reference = held ?? design.samples
        var (model, referenceScores) = try fit.model(
            method: method.rawValue, fileset: fileset, filesetName: prefix, reference: reference,
            description: description, inputFiles: files, options: settings)
        let validation = try held.map { try caseControl.design(fileset: fileset, samples: $0) }
        let summary = try fit.summary(
            alpha: options.alpha, folds: penalized.folds, training: design, model: model, fileset: fileset,
            validation: validation, logger: log)
        model.penalized = summary
        return Built(model: model, reference: reference,
                     referenceScores: referenceScores,
                     writeReport: { try writePathReport(summary, chosen: fit.chosenIndex,
                                                        oneSE: fit.crossValidation?.oneStandardErrorIndex) })
    }

    private func writePathReport(_ summary: PenalizedSummary, chosen: Int, oneSE: Int?) throws {
        let header = ["LAMBDA", "NONZERO", "CV_DEVIANCE", "CV_DEVIANCE_SE", "CV_AUC", "CHOSEN"]
        func cells(_ s: PenalizedSummary.Step, _ k: Int) -> [String] {
            [plinkNumber(s.lambda, missing: "NA"), String(s.nonzero)]
                + [s.cvDeviance, s.cvDevianceSE, s.cvAUC].map { plinkNumber($0 ?? .nan, missing: "NA") }
                + [k == chosen ? "*" : (k == oneSE ? "1se" : "")]
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            emit(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
        case .tsv, .csv:
            let separator = format == .tsv ? "\t" : ","
            var text = header.joined(separator: separator) + "\n"
            for (k, s) in summary.path.enumerated() { text += cells(s, k).joined(separator: separator) + "\n" }
            emit(text)
        case .table:
            var table = TextTable(header: header, rightAligned: [0, 1, 2, 3, 4])
            for (k, s) in summary.path.enumerated() { table.add(cells(s, k)) }
            emit(table.render())
        }
    }
}
