import ArgumentParser
import Foundation
import RiskKit

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a saved model on held-out data: discrimination and calibration.",
        discussion: """
            The data must hold the model's features and its outcome column. Rows with a missing outcome are \
            skipped and counted. Reports AUC with DeLong 95% CI, Brier score, log loss, calibration intercept and \
            slope, Hosmer–Lemeshow test over risk deciles, Nagelkerke R² and a calibration table.
            """)

    @Option(help: "The model file.") var model: String
    @Option(help: "CSV file with the model's features and outcome.") var data: String
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("evaluate prints a table or json") }
    }

    func run() throws {
        try runReportingErrors {
            let riskModel = try RiskModel.load(path: model)
            let file = try PatientFile(path: data, model: riskModel)
            guard file.reader.header.contains(riskModel.outcome.column) else {
                throw DataError(file: data, line: 1, column: riskModel.outcome.column, "outcome column not found")
            }
            let definition = riskModel.outcome
            var outcomes: [Double] = [], predicted: [Double] = []
            var skipped = 0
            try file.forEachPatient { input in
                let label = input.values[definition.column] ?? .missing
                let text = label.description
                let y: Double
                if label.isMissing {
                    skipped += 1
                    return
                } else if text == definition.positiveLabel || label.number.map({ $0 == Double(definition.positiveLabel) }) == true {
                    y = 1
                } else if text == definition.negativeLabel || label.number.map({ $0 == Double(definition.negativeLabel) }) == true {
                    y = 0
                } else {
                    throw DataError(
                        file: data, line: input.line, column: definition.column,
                        "outcome `\(text)` is neither `\(definition.positiveLabel)` nor `\(definition.negativeLabel)`")
                }
                do {
                    predicted.append(try riskModel.score(input).risk)
                } catch var error as DataError {
                    error.file = data
                    throw error
                }
                outcomes.append(y)
            }
            if skipped > 0 { Log.info("skipped \(skipped) row\(skipped == 1 ? "" : "s") with a missing outcome") }
            let report = try EvaluationReport(outcome: outcomes, predicted: predicted)
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                emit(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            default:
                emit(EvaluationText.table(report))
            }
        }
    }
}

/// Human-readable evaluation report.
enum EvaluationText {
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
