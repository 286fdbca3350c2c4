import RiskKitData

extension PopulationCriterion {
    /// The population criteria `options` declare (`applicableLevels`, and `applicable` ranges of columns that are
    /// no feature of `schema`; a numeric feature's range is the feature's own, see
    /// ``FeatureSchema/declaringDomain(required:optional:applicable:imputedByDesign:)``), checked against the
    /// training `table`'s used `rows`, with notes for the training log: how many of those rows lie outside the
    /// declared population (they stay in the fit) or miss a required population field.
    ///
    /// A feature's criterion is required when the feature is; a field that is no feature is required unless named
    /// in `options.optional`.
    /// - Throws: ``DataError`` with ``DataError/Code/featureNotFound`` for a name that is no column of the data
    ///   (suggesting the closest), ``DataError/Code/applicableRangeNotNumeric`` for a range on a column that is not
    ///   numeric, ``DataError/Code/populationLevelNotFound`` for a level that no used row holds (a level the model
    ///   never saw, most often a misspelling: the closest level present is suggested).
    static func declared(by options: TrainingOptions, table: Table, rows: [Int], schema: FeatureSchema,
                         file: String) throws -> (criteria: [PopulationCriterion], notes: [String]) {
        let features = Dictionary(schema.features.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Set(options.applicableLevels.keys).union(options.applicable.keys.filter { features[$0] == nil })
        var criteria: [PopulationCriterion] = []
        for name in names.sorted() {
            guard let column = table.column(named: name) else {
                // Every column of the file, the excluded ones too: a population field is often one of those.
                let columns = (try? CSVReader(path: file).header) ?? table.columnNames
                let hint = EditDistance.closest(to: name, among: columns).map { "; did you mean `\($0)`?" }
                    ?? "; the columns are: \(columns.joined(separator: ", "))"
                throw DataError(code: .featureNotFound, file: file, line: 1, column: name,
                                "not a column of the training data\(hint)")
            }
            let values = rows.map { cell(column, row: $0) }
            let required = features[name].map { $0.required == true }
                ?? (options.required.contains(name) || !options.optional.contains(name))
            if let levels = options.applicableLevels[name] {
                let present = Set(values.filter { $0 != .missing })
                for level in levels where !present.contains(FieldValue(parsing: level)) {
                    let seen = present.map(\.description).sorted()
                    let hint = EditDistance.closest(to: level, among: seen).map { "; did you mean `\($0)`?" } ?? ""
                    throw DataError(code: .populationLevelNotFound, file: file, column: name,
                                    "no training row has the value `\(level)` (the values are: \(seen.prefix(20).joined(separator: ", ")))\(hint)")
                }
                criteria.append(PopulationCriterion(field: name, levels: levels, required: required))
            } else if let range = options.applicable[name] {
                guard column.numbers != nil else {
                    throw DataError(code: .applicableRangeNotNumeric, file: file, column: name,
                                    "an applicable range needs a numeric column; give its levels instead (NAME=LEVEL,LEVEL)")
                }
                criteria.append(PopulationCriterion(field: name, range: range, required: required))
            }
        }
        return (criteria, notes(criteria, table: table, rows: rows))
    }

    /// The training log's notes on `criteria`: the used rows outside the population, and those missing a required
    /// population field (counts only, per criterion and in all).
    private static func notes(_ criteria: [PopulationCriterion], table: Table, rows: [Int]) -> [String] {
        guard !criteria.isEmpty else { return [] }
        var outside = [Bool](repeating: false, count: rows.count)
        var parts: [String] = []
        for criterion in criteria {
            let column = table.column(named: criterion.field)!
            let allowed = criterion.allowedValues
            var out = 0, missing = 0
            for (k, row) in rows.enumerated() {
                let value = cell(column, row: row)
                if value == .missing {
                    guard criterion.required else { continue }
                    missing += 1
                } else if criterion.admits(value, among: allowed) {
                    continue
                } else {
                    out += 1
                }
                outside[k] = true
            }
            if out > 0 { parts.append("\(out) with `\(criterion.field)` not \(criterion.allowed)") }
            if missing > 0 { parts.append("\(missing) without `\(criterion.field)`") }
        }
        let declared = criteria.map { $0.range == nil ? "\($0.field) ∈ {\($0.allowed)}" : "\($0.field) \($0.allowed)" }
            .joined(separator: ", ")
        let count = outside.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard count > 0 else { return ["declared population (\(declared)): every training row lies inside it"] }
        return ["declared population (\(declared)): \(count) of \(rows.count) training rows lie outside it "
                + "(\(parts.joined(separator: ", "))); they stay in the fit, so filter the data to fit on the population only"]
    }
}

/// Row `row` of `column` as a patient record's cell is read (``FieldValue/init(parsing:)``), so a level `1` is the
/// number 1 in training as in scoring.
private func cell(_ column: Column, row: Int) -> FieldValue {
    let value = column.value(row: row)
    if case .text(let text) = value { return FieldValue(parsing: text) }
    return value
}
