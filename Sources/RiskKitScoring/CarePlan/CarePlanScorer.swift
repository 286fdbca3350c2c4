import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// Scores one patient with several models, each with its own policy, and merges the results into a
/// ``CarePlan``: the patient's fields are the union of the models' features and the policies' fields.
///
/// Each condition goes through its ``PatientScorer`` exactly as a one-model run does (same checks, encoder,
/// policy and due dates), one patient at a time.
public struct CarePlanScorer: Sendable {
    /// One scorer per condition, in plan order.
    public let scorers: [PatientScorer]
    /// Each condition's name (``CarePlanCondition/model``), parallel to ``scorers``.
    public let names: [String]

    /// A care-plan scorer over `scorers`, named `names` (one each).
    public init(scorers: [PatientScorer], names: [String]) {
        precondition(scorers.count == names.count && !scorers.isEmpty, "one name per scorer, at least one scorer")
        self.scorers = scorers
        self.names = names
    }

    /// Throws if a name given for a patient is known to none of the models and policies, suggesting the closest
    /// name any of them knows (as ``PatientChecks/checkFieldNames(_:)`` does for one).
    /// - Throws: ``DataError`` with ``DataError/Code/unknownField``.
    public func checkFieldNames(_ names: some Sequence<String>) throws {
        var known: [String] = []
        var seen = Set<String>()
        for checks in scorers.map(\.checks) {
            for name in checks.knownNamesInOrder where seen.insert(name).inserted { known.append(name) }
        }
        try PatientChecks.checkFieldNames(names, known: seen, knownInOrder: known)
    }

    /// The care plan of one patient given by named values (`--set` pairs, a JSON object): field names are checked
    /// against every model and policy; the id is the first model's id field when given, else `id`.
    /// - Throws: ``DataError`` (with `line`, when given) for an unknown field name, or as
    ///   ``PatientScorer/report(_:)`` for a value a model or policy refuses.
    public func plan(fields: [String: String], id: String? = nil, line: Int? = nil) throws -> CarePlan {
        do {
            try checkFieldNames(fields.keys)
            let resolved = scorers[0].model.idColumn.flatMap { fields[$0] } ?? id
            return try plan(scorers.map { scorer in
                var input = try PatientInput(model: scorer.model, fields: fields, id: resolved)
                input.line = line
                return input
            })
        } catch var error as DataError {
            error.line = error.line ?? line
            throw error
        }
    }

    /// The care plan of one patient given as one input per model (parallel to ``scorers``).
    /// - Throws: as ``PatientScorer/report(_:)``.
    public func plan(_ inputs: [PatientInput]) throws -> CarePlan {
        precondition(inputs.count == scorers.count, "one input per model")
        let conditions = try zip(scorers, inputs).enumerated().map { k, pair in
            CarePlanCondition(model: names[k], scorer: pair.0, report: try pair.0.report(pair.1))
        }
        return CarePlan(id: inputs[0].id, conditions: conditions)
    }

    /// Calls `body` with the care plan of each patient of the CSV `reader`, in file order; one record at a time,
    /// so memory does not grow with the number of patients. The header must hold every model's features; the id
    /// is read from `idColumn`, else the first model's id column, else `row N`.
    /// - Throws: ``DataError`` naming the reader, the line and the field, for a missing column, a value a model
    ///   or policy refuses, or a patient id given twice (naming both lines, never the id); the plans before it
    ///   have been handed to `body`.
    public func forEachPlan(in reader: CSVReader, idColumn: String? = nil, _ body: (CarePlan) throws -> Void) throws {
        let files = try scorers.map { try PatientFile(reader: reader, model: $0.model, idColumn: idColumn) }
        let header = reader.header
        var ids = PatientIDs()
        var row = 0
        do {
            try reader.forEachRecord { record in
                row += 1
                var values: [String: FieldValue] = [:]
                values.reserveCapacity(header.count)
                for (c, name) in header.enumerated() { values[name] = record.value(at: c) }
                let id = files[0].id(of: record, row: row)
                if let error = ids.duplicate(id, line: record.line) { throw error }
                let inputs = files.map { file in
                    PatientInput(id: id, line: record.line,
                                 cells: (0..<file.schema.features.count).map { file.featureCell($0, of: record) },
                                 values: values)
                }
                try body(try plan(inputs))
            }
        } catch var error as DataError {
            error.file = error.file ?? reader.name
            throw error
        }
        if row == 0 { throw reader.noDataRows }
    }
}
