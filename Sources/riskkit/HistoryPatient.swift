import ArgumentParser
import Foundation
import RiskKit

/// `riskkit history patient ID`: one patient's timeline across runs.
struct HistoryPatient: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient", abstract: "One patient's timeline of risk, band and recommendations across runs.")

    @Argument(help: "The patient's id.") var patient: String
    @OptionGroup var store: HistoryStoreOption
    @Option(name: .customLong("pseudonym-key"), help: "The key of a pseudonymized store, to find the patient by id.")
    var pseudonymKey: String?
    @Option(help: "Output format: table, csv or json (JSON Lines: one object per run and condition).")
    var format: OutputFormat = .table
    @OptionGroup(title: "Messages") var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let pseudonyms = try pseudonymKey.map { try Pseudonymizer(keyFile: $0) }
            let names = Pseudonymizer.storedNames(of: patient, pseudonyms: pseudonyms)
            let (runs, found) = try await store.using { history in
                (try await history.runs(), try await history.results(patients: names))
            }
            guard !found.isEmpty else {
                throw DataError(file: store.store, "no results for this patient\(pseudonyms == nil && runs.contains { $0.description.pseudonymKeyFingerprint != nil } ? " (the store holds pseudonyms: give --pseudonym-key)" : "")")
            }
            let byID = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let entries: [TimelineEntry] = found.compactMap { run, result in
                byID[run].map { TimelineEntry(run: $0, result: result) }
            }
            emit(try TimelineEntry.text(entries, id: patient, format: format))
        }
    }
}

/// One run's result for one condition in a patient's timeline, as `history patient` writes it.
struct TimelineEntry: Encodable {
    var run: Int64, asOf: String, model: String, status: String
    var risk: Double?, percentile: Double?, band: String?, recommendations: [String], notAssessableReason: String?

    init(run: RunRecord, result: PatientResult) {
        self.run = run.id
        asOf = run.description.asOf
        model = ChangeReport.modelName(run.description.models[result.model], at: result.model)
        status = result.risk == nil ? "not_assessable" : "scored"
        risk = result.risk
        percentile = result.percentile
        band = result.band
        recommendations = result.recommendations.entries.map {
            $0.rule + ($0.intervalMonths.map { " every \($0) mo" } ?? "")
        }
        notAssessableReason = result.notAssessableReason
    }

    enum CodingKeys: String, CodingKey {
        case run, asOf = "as_of", model, status, risk, percentile, band, recommendations
        case notAssessableReason = "not_assessable_reason"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(model, forKey: .model)
        try c.encode(status, forKey: .status)
        try c.encode(risk, forKey: .risk)
        try c.encode(percentile, forKey: .percentile)
        try c.encode(band, forKey: .band)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(notAssessableReason, forKey: .notAssessableReason)
    }

    /// The timeline in `format` (JSON Lines carry `id` on every line).
    static func text(_ entries: [TimelineEntry], id: String, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try entries.map { entry in
                var object = try JSONSerialization.jsonObject(with: try encoder.encode(entry)) as! [String: Any]
                object["id"] = id
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
            }.joined()
        case .csv:
            let header = ["id", "run", "as_of", "model", "status", "risk", "percentile", "band", "recommendations", "not_assessable_reason"]
            let rows = entries.map { e in
                [id, "\(e.run)", e.asOf, e.model, e.status, e.risk.map { "\($0)" } ?? "", e.percentile.map { "\($0)" } ?? "",
                 e.band ?? "", e.recommendations.joined(separator: ";"), e.notAssessableReason ?? ""]
            }
            return ([header] + rows).map { $0.map(csvField).joined(separator: ",") + "\n" }.joined()
        case .table:
            var table = TextTable(header: ["run", "as of", "condition", "risk", "percentile", "band", "recommendations"],
                                  rightAligned: [0, 3, 4])
            for e in entries {
                table.add(["\(e.run)", e.asOf, e.model, e.risk.map { String(format: "%.1f %%", 100 * $0) } ?? "—",
                           e.percentile.map { String(format: "%.0f", $0) } ?? "—",
                           e.band ?? "not assessable: \(e.notAssessableReason ?? "")",
                           e.recommendations.isEmpty ? "—" : e.recommendations.joined(separator: ", ")])
            }
            return "patient \(id)\n" + table.render()
        }
    }
}
