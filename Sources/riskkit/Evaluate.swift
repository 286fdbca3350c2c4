import ArgumentParser
import Foundation
import RiskKit

struct Evaluate: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a saved model on held-out data: discrimination and calibration.",
        discussion: """
            The data must hold the model's features and its outcome column. Rows with a missing outcome are \
            skipped and counted. Reports AUC with DeLong 95% CI, Brier score, log loss, calibration intercept and \
            slope, Hosmer–Lemeshow test over risk deciles, Nagelkerke R² and a calibration table. For a model with a \
            polygenic score (train --bfile), --bfile PREFIX gives the genotypes and the report adds, over the rows \
            with genotypes: the AUC gain over the same model refitted without the score (DeLong's paired test), the \
            score's odds ratio per SD adjusted for the non-genetic linear predictor (Wald 95% CI), and the odds \
            ratio of the top decile of the score against the rest (Woolf 95% CI).
            """)

    @Option(help: "The model file.") var model: String
    @Option(help: "CSV file with the model's features and outcome.") var data: String
    @Option(help: "Output format.") var format: ReportFormat = .table
    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset with the rows' genotypes (IID = id column), for models with a polygenic score.")
    var bfile: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws { try vcf.validate(bfile: bfile, required: false) }

    func run() throws {
        try runReportingErrors {
            let scored = try ScoredHeldOutFile(model: model, data: data, genotypes: vcf.source(bfile: bfile))
            let (scorer, rows) = (scored.scorer, scored.rows)
            let report = try rows.report()
            var geneticReport: GeneticEvaluation?
            if scorer.genotypeScores != nil {
                let missing = rows.outcomes.count - rows.genetic.outcome.count
                let outside = scored.model.genetics?.scale.isAncestryAdjusted == true ? " or outside the score's ancestry reference" : ""
                if missing > 0 { log.info("\(missing) rows without genotypes\(outside) are left out of the polygenic-score measures") }
                geneticReport = try rows.geneticReport()
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                if let geneticReport {
                    struct Combined: Encodable {
                        var report: EvaluationReport
                        var genetics: GeneticEvaluation
                        func encode(to encoder: any Encoder) throws {
                            try report.encode(to: encoder)
                            var c = encoder.container(keyedBy: Key.self)
                            try c.encode(genetics, forKey: .genetics)
                        }
                        enum Key: String, CodingKey { case genetics }
                    }
                    emit(String(decoding: try encoder.encode(Combined(report: report, genetics: geneticReport)), as: UTF8.self) + "\n")
                } else {
                    emit(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
                }
            case .table:
                emit(EvaluationText.table(report))
                if let geneticReport { emit("\n" + EvaluationText.genetics(geneticReport)) }
            }
        }
    }
}

/// Human-readable evaluation report.
enum EvaluationText {
    static func genetics(_ g: GeneticEvaluation) -> String {
        func ratio(_ r: GeneticComponent.OddsRatio?) -> String {
            guard let r else { return "not estimable (an empty cell)" }
            let ci = r.ciLow.flatMap { low in r.ciHigh.map { String(format: "  (95%% CI %.3f–%.3f)", low, $0) } } ?? ""
            return String(format: "%.3f", r.estimate) + ci
        }
        var out = "Polygenic score (\(g.n) rows with genotypes, \(g.events) events)\n"
        out += "AUC with the score       \(String(format: "%.4f", g.aucWithPRS))\n"
        out += "AUC without the score    \(String(format: "%.4f", g.aucWithoutPRS))  (same model refitted without it)\n"
        out += "AUC gain                 \(String(format: "%+.4f", g.aucGain))  (SE \(String(format: "%.4f", g.aucGainSE)), z = \(String(format: "%.2f", g.aucGainZ)), p = \(formatPValue(g.aucGainP)), DeLong paired)\n"
        out += "OR per SD of the score   \(ratio(g.prsOddsRatioPerSD))  (adjusted for the non-genetic predictor)\n"
        out += "OR top decile vs rest    \(ratio(g.topDecileOddsRatio))  (score ≥ \(String(format: "%.4g", g.topDecileThreshold)))\n"
        return out
    }

    static func table(_ r: EvaluationReport) -> String {
        var out = ""
        out += "n = \(r.n), events = \(r.events)\n"
        out += "AUC                      \(String(format: "%.4f", r.auc))  (95% CI \(String(format: "%.4f", r.aucConfidenceInterval.lower))–\(String(format: "%.4f", r.aucConfidenceInterval.upper)), DeLong)\n"
        out += "Brier score              \(String(format: "%.5f", r.brierScore))\n"
        out += "Log loss                 \(String(format: "%.5f", r.logLoss))\n"
        out += "Calibration intercept    \(String(format: "%+.4f", r.calibrationIntercept))  (ideal 0)\n"
        out += "Calibration slope        \(String(format: "%.4f", r.calibrationSlope))  (ideal 1)\n"
        out += "Calibration-in-the-large \(String(format: "%+.4f", r.calibrationInTheLarge))  (ideal 0)\n"
        if let hl = r.hosmerLemeshow {
            out += "Hosmer–Lemeshow          χ² = \(String(format: "%.3f", hl.statistic)), df = \(hl.degreesOfFreedom), p = \(formatPValue(hl.pValue))\n"
        }
        out += "Nagelkerke R²            \(String(format: "%.4f", r.nagelkerkeR2))\n\n"
        var t = TextTable(header: ["risk group", "n", "events", "mean predicted", "observed", "range"], rightAligned: [1, 2, 3, 4])
        for g in r.calibrationTable {
            t.add([String(g.group), String(g.count), String(g.events), String(format: "%.4f", g.meanPredicted),
                   String(format: "%.4f", g.observedRate), String(format: "%.4f–%.4f", g.minPredicted, g.maxPredicted)])
        }
        return out + t.render()
    }
}
