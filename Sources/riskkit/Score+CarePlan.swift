import Foundation
import RiskKit

extension Score {
    /// `score` with several `--model`s: each patient is scored with every model and its policy, and written as one
    /// care plan (``CarePlanFormatter``). Patients come from `--set`, standard input (one JSON object or JSON
    /// Lines), or `--data` (a CSV file or `-`), one patient at a time.
    func scoreCarePlan(asOf: CalendarDate) throws {
        let scoredAt = try SourceDateEpoch.timestamp()
        let scorers = try model.enumerated().map { k, path in
            let riskModel = try RiskModel.load(path: path)
            return PatientScorer(
                model: riskModel, genotypeScores: try GeneticScores.forModel(riskModel, genotypes: vcf.source(bfile: bfile)),
                policy: try loadPolicy(for: riskModel, modelPath: path, policyPath: policy.isEmpty ? nil : policy[k]),
                topContributions: top, allowImputation: allowImputation, scoredAt: scoredAt, asOf: asOf)
        }
        // A condition is named by its model file; by the path as given when two files share a name.
        let baseNames = model.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        let planner = CarePlanScorer(scorers: scorers, names: Set(baseNames).count == model.count ? baseNames : model)
        let formatter = CarePlanFormatter(format: format, planner: planner)
        let sink = try OutputSink(path: out)
        var written = 0
        let progress = Progress(label: "scored", unit: "patients")
        /// Writes one patient's plan (the header before the first).
        func write(_ plan: CarePlan) throws {
            if written == 0 { try sink.write(formatter.header) }
            try sink.write(formatter.text(plan))
            written += 1
            progress.update(written)
        }
        do {
            if let data {
                let reader = data == "-"
                    ? try CSVReader(bytes: readStandardInput(), name: "<stdin>") : try CSVReader(path: data)
                try planner.forEachPlan(in: reader, idColumn: id, write)
                progress.finish(written)
            } else if fields.isEmpty {
                let lines = try JSONPatient.lines(from: readStandardInput())
                do {
                    for (n, entry) in lines.enumerated() {
                        // As in a one-model run: without an id field, the n-th of several patients is `row n`.
                        try write(planner.plan(fields: entry.fields, id: lines.count > 1 ? "row \(n + 1)" : nil,
                                               line: lines.count > 1 ? entry.line : nil))
                    }
                } catch var error as DataError {
                    error.file = error.file ?? "<stdin>"
                    throw error
                }
                if lines.count > 1 { progress.finish(written) }
            } else {
                try write(planner.plan(fields: setFields()))
            }
            try sink.write(formatter.footer())
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
