import ArgumentParser
import Foundation
import RiskKit

struct Recalibrate: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "recalibrate",
        abstract: "Write a new version of a model recalibrated on recent outcomes: a new intercept, or intercept and slope.",
        discussion: """
            Every row of --data with an outcome is scored with the model and the map logit p' = a + b·η of its \
            linear predictor η is fitted by maximum likelihood: --method intercept fits a with b = 1 (R: \
            glm(y ~ offset(lp), binomial)), --method slope fits both (glm(y ~ lp, binomial)). The new model keeps \
            the schema and the coefficients' proportions: intercept a + b·β₀, slopes b·β_j; its reference risks are \
            mapped the same way, so percentiles do not move; a model with a polygenic score has its \
            refitted-without-score part recalibrated on its own predictor. The training fit's standard errors no \
            longer apply and are dropped. The new file records the parent model's checksum, the data's SHA-256, \
            the method and (a, b) in its `recalibrations` list, which inspect shows. Rows with a missing outcome are \
            skipped and counted. The report gives the calibration before and after on the same rows.
            """)

    @Option(help: "The model file.") var model: String
    @Option(help: "CSV file with the model's features and outcome (recent patients with known outcomes).") var data: String
    @Option(help: "intercept (recalibration in the large) or slope (intercept and slope).") var method: RecalibrationMethod
    @Option(help: "Where to write the new model (default: MODEL with -recalibrated before .json).") var out: String?
    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset with the rows' genotypes (IID = id column), for models with a polygenic score.")
    var bfile: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @Option(help: "Summary format on standard output.") var format: ReportFormat = .table

    @OptionGroup(title: "Messages") var logging: LoggingOptions

    /// The output path: --out, else the model's path with `-recalibrated` before its extension.
    var outputPath: String {
        if let out { return out }
        let stem = model.hasSuffix(".json") ? String(model.dropLast(5)) : model
        return stem + "-recalibrated.json"
    }

    func validate() throws {
        try vcf.validate(bfile: bfile, required: false)
        if out == nil, outputPath == model { throw ValidationError("--out would overwrite the model; give another path") }
        if let out, out == model { throw ValidationError("--out is the model itself; write the new version to another path") }
    }

    func run() throws {
        try runReportingErrors {
            let scored = try ScoredHeldOutFile(model: model, data: data, genotypes: vcf.source(bfile: bfile))
            let (parent, rows) = (scored.model, scored.rows)
            let map = try RiskModel.recalibrationMap(outcome: rows.outcomes, linearPredictor: rows.linearPredictors,
                                                     method: method)
            var withoutScore: RecalibrationRecord.Map?
            if parent.genetics != nil, !rows.genetic.outcome.isEmpty {
                withoutScore = try RiskModel.recalibrationMap(
                    outcome: rows.genetic.outcome, linearPredictor: rows.genetic.linearPredictorWithout, method: method)
            }
            let record = RecalibrationRecord(
                method: method, parentChecksum: parent.checksum, dataFile: data, dataSHA256: try FileDigest.sha256(path: data),
                rows: rows.outcomes.count, events: Int(rows.outcomes.reduce(0, +)), map: map, withoutScore: withoutScore,
                date: ISO8601DateFormatter().string(from: try SourceDateEpoch.instant()),
                riskkitVersion: RiskKitVersion.current)
            let child = parent.recalibrated(by: record)
            let before = try RecalibrationText.Measures(outcome: rows.outcomes, predicted: rows.predicted)
            let after = try RecalibrationText.Measures(
                outcome: rows.outcomes,
                predicted: rows.linearPredictors.map { RiskModel.probability(linearPredictor: map.intercept + map.slope * $0) })
            try child.write(to: outputPath)
            log.info("wrote \(outputPath)")
            emit(try RecalibrationText(record: record, before: before, after: after, path: outputPath).render(format))
        }
    }
}

extension RecalibrationMethod: ExpressibleByArgument {}

/// The recalibration summary: the fitted map and the calibration before and after on the same rows.
struct RecalibrationText {
    let record: RecalibrationRecord
    let before: Measures
    let after: Measures
    let path: String

    /// Calibration and discrimination of one set of predictions (JSON keys as `monitor`'s performance block).
    struct Measures: Encodable {
        var oeRatio: Double, calibrationInTheLarge: Double, calibrationIntercept: Double, calibrationSlope: Double
        var auc: Double, brier: Double

        enum CodingKeys: String, CodingKey {
            case oeRatio = "oe_ratio"
            case calibrationInTheLarge = "calibration_in_the_large"
            case calibrationIntercept = "calibration_intercept"
            case calibrationSlope = "calibration_slope"
            case auc, brier
        }

        /// The measures of `predicted` risks against `outcome`; O/E is observed events over the sum of the risks.
        init(outcome: [Double], predicted: [Double]) throws {
            let r = try EvaluationReport(outcome: outcome, predicted: predicted)
            oeRatio = outcome.reduce(0, +) / predicted.reduce(0, +)
            calibrationInTheLarge = r.calibrationInTheLarge
            calibrationIntercept = r.calibrationIntercept
            calibrationSlope = r.calibrationSlope
            auc = r.auc
            brier = r.brierScore
        }
    }

    private struct JSON: Encodable {
        let method: String, model: String, rows: Int, events: Int, intercept: Double, slope: Double
        let before: Measures, after: Measures
    }

    func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = JSON(method: record.method.rawValue, model: path, rows: record.rows, events: record.events,
                            intercept: record.intercept, slope: record.slope, before: before, after: after)
            return String(decoding: try encoder.encode(json), as: UTF8.self) + "\n"
        case .table:
            var out = "Recalibration (\(record.method.rawValue)) on \(record.rows) rows, \(record.events) events\n"
            out += record.method == .intercept
                ? "logit p' = \(String(format: "%+.6f", record.intercept)) + η\n\n"
                : "logit p' = \(String(format: "%+.6f", record.intercept)) + \(String(format: "%.6f", record.slope))·η\n\n"
            var t = TextTable(header: ["", "before", "after"], rightAligned: [1, 2])
            func row(_ name: String, _ format: String, _ value: (Measures) -> Double) {
                t.add([name, String(format: format, value(before)), String(format: format, value(after))])
            }
            row("observed/expected", "%.4f") { $0.oeRatio }
            row("calibration-in-the-large", "%+.4f") { $0.calibrationInTheLarge }
            row("calibration intercept", "%+.4f") { $0.calibrationIntercept }
            row("calibration slope", "%.4f") { $0.calibrationSlope }
            row("AUC", "%.4f") { $0.auc }
            row("Brier score", "%.5f") { $0.brier }
            out += t.render()
            out += "\nNew model: \(path). The fit is a model estimate on these rows; check it on outcomes it was not fitted to.\n"
            return out
        }
    }
}
