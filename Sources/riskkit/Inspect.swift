import ArgumentParser
import Foundation
import RiskKit

struct Inspect: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a saved model: coefficients with inference, fit, calibration and provenance; or a polygenic score model (.prs.json): method, variants, reference distribution, ancestry and provenance.")

    @Argument(help: "The model file (a risk model, or a polygenic score model).") var model: String
    @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func run() throws {
        try runReportingErrors {
            if let data = FileManager.default.contents(atPath: model),
               documentFormat(of: data) == PolygenicScoreModel.formatName {
                let report = PRSInspectReport(model: try PolygenicScoreModel.decode(data, name: model))
                switch format {
                case .json: emit(try report.json())
                case .csv: emit(report.csv())
                case .table: emit(report.table())
                }
                return
            }
            let m = try RiskModel.load(path: model)
            switch format {
            case .json: emit(try InspectReport(model: m).json())
            case .csv:
                var out = "name,estimate,std_error,z,p_value,ci_low,ci_high,odds_ratio\n"
                for c in m.coefficients {
                    let fields = [c.estimate, c.stdError, c.z, c.pValue, c.ciLow, c.ciHigh, c.oddsRatio]
                        .map { $0.map { String($0) } ?? "" }
                    out += ([csvField(c.name)] + fields).joined(separator: ",") + "\n"
                }
                emit(out)
            case .table: emit(InspectReport(model: m).table())
            }
        }
    }
}

/// The `inspect` output: the model's description, fit and coefficients.
struct InspectReport: Encodable {
    let model: RiskModel

    enum CodingKeys: String, CodingKey {
        case format, version, description, outcome, features, coefficients, fit, calibration, training, checksum
        case referenceRisks = "reference_risks"
        case genetics, population, recalibrations
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model.format, forKey: .format)
        try c.encode(model.version, forKey: .version)
        try c.encode(model.description, forKey: .description)
        try c.encode(model.outcome, forKey: .outcome)
        try c.encode(model.schema.features, forKey: .features)
        try c.encode(model.coefficients, forKey: .coefficients)
        try c.encode(model.fit, forKey: .fit)
        try c.encode(model.calibration, forKey: .calibration)
        try c.encode(model.training, forKey: .training)
        try c.encode(model.checksum, forKey: .checksum)
        try c.encodeIfPresent(model.population, forKey: .population)
        try c.encodeIfPresent(model.recalibrations, forKey: .recalibrations)
        let q = model.referenceRisks.quantiles
        let summary: [String: Double] = q.isEmpty ? [:] : [
            "p01": q[10], "p10": q[100], "p25": q[250], "median": q[500], "p75": q[750], "p90": q[900], "p99": q[990],
        ]
        try c.encode(summary, forKey: .referenceRisks)
        if let g = model.genetics {
            struct Genetics: Encodable {
                let feature: String, method: String, variants: Int, training_mean: Double, training_sd: Double
                let odds_ratio_per_sd: GeneticComponent.OddsRatio, description: String?
                let scale: PolygenicScoreScale, ancestry_pcs: Int?
            }
            try c.encode(Genetics(feature: g.feature, method: g.score.method, variants: g.score.variants.count,
                                  training_mean: g.trainingMean, training_sd: g.trainingSD,
                                  odds_ratio_per_sd: g.oddsRatioPerSD, description: g.score.description,
                                  scale: g.scale, ancestry_pcs: g.score.ancestry?.pca.componentCount), forKey: .genetics)
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    func table() -> String {
        let m = model
        var out = ""
        if let d = m.description { out += d + "\n\n" }
        out += "Outcome: \(m.outcome.column) (event = \(m.outcome.positiveLabel))"
        switch (m.outcome.label, m.outcome.horizonYears) {
        case let (label?, years?): out += ": \(label), \(formatNumber(years))-year horizon"
        case let (label?, nil): out += ": \(label), horizon not declared"
        case let (nil, years?): out += ": \(formatNumber(years))-year horizon, label not declared"
        case (nil, nil): break
        }
        out += "\n"
        let f = m.fit
        var penalty = f.penalty
        if let l = f.lambda { penalty += ", λ = \(formatNumber(l))" }
        if let a = f.alpha, f.penalty == "elasticnet" { penalty += ", α = \(formatNumber(a))" }
        if let s = f.lambdaSelection {
            penalty += " (\(s.folds)-fold CV by \(s.measure): λ_min = \(formatNumber(s.lambdaMin)), λ_1se = \(formatNumber(s.lambda1SE)); using \(s.chosen))"
        }
        out += "Penalty: \(penalty)\n"
        out += "Training rows: \(f.n) (\(f.events) events); skipped: "
        out += m.training.rowsSkipped.isEmpty ? "none" : m.training.rowsSkipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ")
        out += "\n"
        out += "Deviance: \(formatNumber(f.deviance, digits: 8)) (null \(formatNumber(f.nullDeviance, digits: 8)))"
        if let aic = f.aic { out += ", AIC \(formatNumber(aic, digits: 8))" }
        out += ", \(f.iterations) iterations, \(f.converged ? "converged" : "NOT converged")\n"
        if let tau = m.calibration.prevalence {
            out += "Intercept re-anchored to prevalence \(formatNumber(tau)) (sample event rate \(formatNumber(m.calibration.sampleEventRate)); shift −\(formatNumber(m.calibration.interceptShift)))\n"
        }
        out += "\n"
        var t = TextTable(header: ["term", "estimate", "std.error", "z", "p", "95% CI", "odds ratio"], rightAligned: [1, 2, 3, 4, 6])
        for c in m.coefficients {
            let ci = c.ciLow.map { "[\(formatNumber($0)), \(formatNumber(c.ciHigh))]" } ?? "—"
            t.add([c.name, formatNumber(c.estimate, digits: 6), formatNumber(c.stdError), formatNumber(c.z), formatPValue(c.pValue), ci, formatNumber(c.oddsRatio)])
        }
        out += t.render()
        out += domainTable()
        if let g = m.genetics {
            let ci = g.oddsRatioPerSD.ciLow.flatMap { low in g.oddsRatioPerSD.ciHigh.map { " (95% CI \(formatNumber(low))–\(formatNumber($0)))" } } ?? ""
            out += "\nPolygenic score `\(g.feature)`: \(g.score.variants.count) variants (\(g.score.method)\(g.score.description.map { ", \($0)" } ?? "")); "
                + "odds ratio per SD \(formatNumber(g.oddsRatioPerSD.estimate))\(ci); score and patients' genotypes via --bfile\n"
            if let ancestry = g.score.ancestry, g.scale.isAncestryAdjusted {
                out += "Scale: \(g.scale.rawValue), adjusted for ancestry on \(ancestry.pca.componentCount) PCs of \(ancestry.adjustment.referenceSampleCount) reference samples; "
                    + "patients outside their PC cloud (p < \(formatNumber(ancestry.adjustment.outlierLevel))) get no genetic part\n"
            }
        }
        out += "\nTrained \(m.training.date) by RiskKit \(m.training.riskkitVersion) on \(m.training.dataFile) (sha256 \(m.training.dataSHA256.prefix(12))…)\n"
        for r in m.recalibrations ?? [] {
            let map = r.method == .intercept ? "logit p' = \(formatNumber(r.intercept, digits: 6)) + η"
                : "logit p' = \(formatNumber(r.intercept, digits: 6)) + \(formatNumber(r.slope, digits: 6))·η"
            out += "Recalibrated \(r.date) by RiskKit \(r.riskkitVersion) (\(r.method.rawValue)) on \(r.dataFile) (sha256 "
                + "\(r.dataSHA256.prefix(12))…, \(r.rows) rows, \(r.events) events): \(map); from model \(r.parentChecksum ?? "without a checksum")\n"
        }
        if m.recalibrations != nil {
            out += "The coefficients are recalibrated: the training fit's standard errors, tests and intervals no longer apply and are not shown.\n"
        }
        return out
    }

    /// Each feature's training domain (observed range or levels, applicable range, required), for models that
    /// record it; empty for model files written before it was kept.
    func domainTable() -> String {
        let features = model.schema.features
        guard features.contains(where: { $0.required != nil || $0.observedMin != nil || $0.applicable != nil }) else { return "" }
        func range(_ r: ValueRange?) -> String {
            switch (r?.lower, r?.upper) {
            case let (lo?, hi?): "\(formatNumber(lo, digits: 6))–\(formatNumber(hi, digits: 6))"
            case let (lo?, nil): "≥ \(formatNumber(lo, digits: 6))"
            case let (nil, hi?): "≤ \(formatNumber(hi, digits: 6))"
            case (nil, nil): "—"
            }
        }
        var t = TextTable(header: ["feature", "kind", "training values", "applicable", "required", "missing in training"], rightAligned: [5])
        for f in features {
            let observed = f.kind == .categorical ? (f.levels ?? []).joined(separator: ", ")
                : range(f.observedMin.map { ValueRange(lower: $0, upper: f.observedMax ?? $0) })
            let applicable = f.kind == .categorical ? "—" : f.applicable.map { range($0) } ?? "any"
            let required = f.required.map { $0 ? "yes" : "no (imputed)" } ?? "unknown"
            t.add([f.name, f.kind.rawValue, observed, applicable, required, String(f.missingInTraining)])
        }
        return "\nTraining domain (a patient outside an applicable range or missing a required feature is not assessable):\n" + t.render()
            + populationLines()
    }

    /// The declared population on levels and on fields that are no feature, one line per criterion (empty when
    /// none is declared).
    func populationLines() -> String {
        guard let population = model.population, !population.isEmpty else { return "" }
        return "\nPopulation (a patient outside it is not assessable):\n" + population.map { p in
            "  \(p.field): \(p.allowed)" + (p.required ? "" : " (a missing value counts as inside)") + "\n"
        }.joined()
    }
}
