import Foundation
import RiskKit

/// Writes a history's runs (`riskkit history runs`, and the run `riskkit rescore` made) as a table, CSV, or JSON
/// Lines: one object per run with `run`, `as_of`, `status`, `patients`, `scored`, `not_assessable`, `rejected`,
/// `models`, `policy_version`, and also `started_at`, `ended_at`, `rejected_by_reason`, `input_sha256`,
/// `input_rows`, `pseudonymized`, `riskkit_version`.
///
/// `patients` counts the patients recorded (input rows committed less those rejected); `scored` and
/// `not_assessable` count patient–model results, so with one model they add up to `patients`.
struct RunFormatter {
    var format: OutputFormat

    /// One run as JSON (the contract's keys, sorted).
    private struct RunJSON: Encodable {
        struct Model: Encodable {
            var checksum: String, description: String, outcome: String?, horizonYears: Double?
            var policyVersion: String?, policySHA256: String?

            enum CodingKeys: String, CodingKey {
                case checksum, description, outcome, horizonYears = "horizon_years", policyVersion = "policy_version"
                case policySHA256 = "policy_sha256"
            }
        }
        var run: Int64, asOf: String, status: String
        var patients: Int, scored: Int, notAssessable: Int, rejected: Int, rejectedByReason: [String: Int]
        var models: [Model], policyVersion: String?
        var startedAt: String, endedAt: String?, inputSHA256: String, inputRows: Int, pseudonymized: Bool
        var riskkitVersion: String

        init(_ r: RunRecord) {
            let d = r.description
            run = r.id
            asOf = d.asOf
            status = r.status.rawValue
            patients = r.rowsDone - r.counts.rejectedTotal
            scored = r.counts.scored
            notAssessable = r.counts.notAssessable
            rejected = r.counts.rejectedTotal
            rejectedByReason = r.counts.rejected
            models = d.models.map {
                Model(checksum: $0.checksum, description: $0.description, outcome: $0.outcome,
                      horizonYears: $0.horizonYears, policyVersion: $0.policyVersion, policySHA256: $0.policySHA256)
            }
            policyVersion = d.policyVersion
            startedAt = r.startedAt
            endedAt = r.endedAt
            inputSHA256 = d.inputSHA256
            inputRows = d.inputRows
            pseudonymized = d.pseudonymKeyFingerprint != nil
            riskkitVersion = d.riskkitVersion
        }

        func encode(to encoder: any Encoder) throws {
            // Optional keys are written as null, not left out: scripts can rely on every key being there.
            enum Key: String, CodingKey {
                case run, asOf = "as_of", status, patients, scored, notAssessable = "not_assessable", rejected
                case rejectedByReason = "rejected_by_reason", models, policyVersion = "policy_version"
                case startedAt = "started_at", endedAt = "ended_at", inputSHA256 = "input_sha256"
                case inputRows = "input_rows", pseudonymized, riskkitVersion = "riskkit_version"
            }
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(run, forKey: .run)
            try c.encode(asOf, forKey: .asOf)
            try c.encode(status, forKey: .status)
            try c.encode(patients, forKey: .patients)
            try c.encode(scored, forKey: .scored)
            try c.encode(notAssessable, forKey: .notAssessable)
            try c.encode(rejected, forKey: .rejected)
            try c.encode(rejectedByReason, forKey: .rejectedByReason)
            try c.encode(models, forKey: .models)
            try c.encode(policyVersion, forKey: .policyVersion)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(endedAt, forKey: .endedAt)
            try c.encode(inputSHA256, forKey: .inputSHA256)
            try c.encode(inputRows, forKey: .inputRows)
            try c.encode(pseudonymized, forKey: .pseudonymized)
            try c.encode(riskkitVersion, forKey: .riskkitVersion)
        }
    }

    /// The runs in this format (a header line first for table and CSV).
    func text(_ runs: [RunRecord]) throws -> String {
        let summaries = runs.map(RunJSON.init)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try summaries.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        case .csv:
            let header = ["run", "as_of", "status", "patients", "scored", "not_assessable", "rejected", "models",
                          "policy_version", "started_at", "ended_at"]
            return ([header] + summaries.map(cells)).map { $0.map(csvField).joined(separator: ",") + "\n" }.joined()
        case .table:
            var table = TextTable(header: ["run", "as of", "status", "patients", "scored", "not assessable", "rejected",
                                           "models", "policy", "started", "ended"],
                                  rightAligned: [0, 3, 4, 5, 6])
            for s in summaries { table.add(cells(s).map { $0.isEmpty ? "—" : $0 }) }
            return table.render()
        }
    }

    /// A run's table and CSV cells: models by outcome (or description), rejected rows with their reasons.
    private func cells(_ s: RunJSON) -> [String] {
        let models = s.models.map { $0.outcome ?? $0.description }.joined(separator: "; ")
        let reasons = s.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let rejected = s.rejected == 0 || format == .csv ? "\(s.rejected)" : "\(s.rejected) (\(reasons))"
        return ["\(s.run)", s.asOf, s.status, "\(s.patients)", "\(s.scored)", "\(s.notAssessable)", rejected, models,
                s.policyVersion ?? "", s.startedAt, s.endedAt ?? ""]
    }
}
