import Foundation
import RiskKitStatistics
import RiskKitData

/// Trains a ``RiskModel`` from a CSV file: read → outcome → feature schema → standardized design → logistic fit
/// → original-scale inference → intercept re-anchoring → reference risks → (optionally) cross-validated evaluation.
public enum ModelTrainer {
    /// Trains a model on the CSV file at `dataPath`.
    ///
    /// Rows with a missing outcome are skipped and counted; every other problem is an error naming the file,
    /// line and column. With `evaluationFolds`, the *whole* procedure (schema learning, λ selection, fit) is
    /// repeated on each training part and scored on the held-out part, so the reported metrics are honest.
    /// - Parameter progress: called with a short stage description while long stages run (for a progress line).
    /// - Throws: ``InputFileError``, ``DataError``, ``LogisticRegressionError``.
    public static func train(
        dataPath: String, options: TrainingOptions, date: Date = Date(), progress: ((String) -> Void)? = nil
    ) throws -> TrainingReport {
        progress?("reading \(dataPath)")
        var notes: [String] = []
        // Population columns are read even when left out of the features.
        let populationNames = Set(options.applicable.keys).union(options.applicableLevels.keys)
        var tableOptions = TableOptions(
            categorical: options.categorical, exclude: options.exclude.subtracting(populationNames),
            text: [options.outcome], id: options.id)
        if let w = options.weights { tableOptions.numeric.insert(w) }
        let clock = ContinuousClock()
        var start = clock.now
        let table = try Table.read(path: dataPath, options: tableOptions)
        let readSeconds = (clock.now - start).seconds
        let bytes = (try? FileManager.default.attributesOfItem(atPath: dataPath)[.size] as? NSNumber)?.doubleValue ?? 0
        notes.append(String(format: "read %d rows × %d columns (%.1f MB) in %.2f s (%.0f MB/s)", table.rowCount,
                            table.columns.count, bytes / 1e6, readSeconds, bytes / 1e6 / Swift.max(readSeconds, 1e-9)))
        guard let outcomeColumn = table.column(named: options.outcome), let outcomeTexts = outcomeColumn.texts else {
            throw DataError(
                file: dataPath, line: 1, column: options.outcome,
                "outcome column not found; the columns are: \(table.columnNames.joined(separator: ", "))")
        }
        let outcome = try OutcomeColumn(
            name: options.outcome, texts: outcomeTexts, lineNumbers: table.lineNumbers, file: dataPath,
            positive: options.positiveLabel)
        var rows = outcome.values.indices.filter { outcome.values[$0] != nil }
        let skipped = table.rowCount - rows.count
        if skipped > 0 { notes.append("skipped \(skipped) row\(skipped == 1 ? "" : "s") with a missing outcome") }
        var rowsSkipped = ["missing_outcome": skipped]
        var geneticValues: [Double]? = nil
        if let genetic = options.genetic {
            let ids = try geneticIDs(table: table, options: options, feature: genetic.feature, file: dataPath)
            let withScore = rows.filter { ids[$0].flatMap { genetic.scores[$0] } != nil }
            rowsSkipped["no_genotypes"] = rows.count - withScore.count
            if withScore.count < rows.count {
                notes.append("skipped \(rows.count - withScore.count) rows whose id has no genotypes in the fileset")
            }
            rows = withScore
            geneticValues = rows.map { genetic.scores[ids[$0]!]! }
        }
        let y = rows.map { outcome.values[$0]! }

        var weights: [Double]? = nil
        if let name = options.weights {
            guard let column = table.column(named: name), let values = column.numbers else {
                throw DataError(file: dataPath, line: 1, column: name, "weights column not found or not numeric")
            }
            weights = try rows.map { i in
                let w = values[i]
                guard w.isFinite, w >= 0 else {
                    throw DataError(file: dataPath, line: table.lineNumbers[i], column: name,
                                    w.isNaN ? "weight is missing" : "weight \(w) must be a non-negative number")
                }
                return w
            }
        }

        let reserved = Set([options.outcome, options.id, options.weights].compactMap { $0 })
            .union(populationNames.intersection(options.exclude))
        var columns: [(name: String, column: RawColumn)] = []
        for column in table.columns where !reserved.contains(column.name) {
            switch column.data {
            case .numbers(let values): columns.append((column.name, .numeric(rows.map { values[$0] })))
            case .categories(let codes, let levels):
                if !options.categorical.contains(column.name) {
                    try rejectMostlyNumeric(column.name, codes: codes, levels: levels, table: table, file: dataPath)
                }
                columns.append((column.name, .categorical(codes: rows.map { codes[$0] }, levels: levels)))
            case .texts:
                throw DataError(file: dataPath, column: column.name, "text column cannot be a feature; exclude it")
            }
        }
        if let genetic = options.genetic, let geneticValues { columns.append((genetic.feature, .numeric(geneticValues))) }
        guard !columns.isEmpty else {
            throw DataError(file: dataPath, "no feature columns left after removing the outcome, id and excluded columns")
        }
        for (name, column) in columns {
            let missing = column.missingCount
            if missing > 0 { notes.append("`\(name)`: \(missing) missing value\(missing == 1 ? "" : "s") imputed") }
        }

        let procedure = try TrainingProcedure(options: options)
        progress?("fitting")
        start = clock.now
        let final = try procedure.run(columns: columns, outcome: y, weights: weights)
        notes.append(String(format: "encoded %d × %d design and fitted in %.2f s (%d iterations)", final.design.rows,
                            final.design.columns, (clock.now - start).seconds, final.fit.iterations))
        if let cv = final.crossValidated {
            notes.append("\(options.cvFolds ?? 0)-fold CV by \(cv.measureName): λ_min = \(cv.lambdaMin), λ_1se = \(cv.lambda1SE); using \(options.lambdaChoice == .min ? "λ_min" : "λ_1se")")
        }

        var crossValidation: EvaluationReport? = nil
        if let k = options.evaluationFolds {
            start = clock.now
            let predictions = try procedure.crossValidatedPredictions(
                columns: columns, outcome: y, weights: weights, folds: try Folds.stratified(outcome: y, k: k, seed: options.seed),
                progress: { done, total in progress?("cross-validation fold \(done + 1) of \(total)") })
            crossValidation = try EvaluationReport(outcome: y, predicted: predictions)
            notes.append(String(format: "%d-fold cross-validated evaluation in %.2f s", k, (clock.now - start).seconds))
            if weights != nil { notes.append("cross-validated metrics are unweighted") }
            if options.prevalence != nil { notes.append("cross-validated metrics are on the training sample's scale (before prevalence re-anchoring)") }
        }

        let featureNames = Set(final.schema.features.map(\.name))
        let (schema, domainNotes) = try final.schema.declaringDomain(
            required: options.required, optional: options.optional,
            applicable: options.applicable.filter { featureNames.contains($0.key) },
            imputedByDesign: Set([options.genetic?.feature].compactMap { $0 }),
            populationFields: populationNames.subtracting(featureNames))
        notes += domainNotes
        let (population, populationNotes) = try PopulationCriterion.declared(
            by: options, table: table, rows: rows, schema: schema, file: dataPath)
        notes += populationNotes
        var outcomeDefinition = outcome.definition
        outcomeDefinition.label = options.outcomeLabel
        outcomeDefinition.horizonYears = options.horizonYears
        let events = Int(y.reduce(0, +))
        let calibration = Calibration(prevalence: options.prevalence, sampleEventRate: Double(events) / Double(y.count))
        var model = RiskModel(
            description: options.description, outcome: outcomeDefinition, idColumn: options.id,
            schema: schema, coefficients: final.originalScaleCoefficients(interceptShift: calibration.interceptShift),
            fit: final.summary(options: options, events: events), calibration: calibration,
            referenceRisks: ReferenceDistribution(values: final.trainingRisks(interceptShift: calibration.interceptShift)),
            crossValidation: crossValidation,
            training: TrainingProvenance(
                dataFile: dataPath, dataSHA256: try FileDigest.sha256(path: dataPath), rowsRead: table.rowCount,
                rowsUsed: rows.count, rowsSkipped: rowsSkipped, events: events,
                date: ISO8601DateFormatter().string(from: date), riskkitVersion: RiskKitVersion.current,
                options: options.provenance),
            genetics: try options.genetic.map { genetic in
                progress?("fitting without the polygenic score")
                return try GeneticComponent(
                    genetic, values: geneticValues!, full: final, procedure: procedure,
                    columns: columns.filter { $0.name != genetic.feature }, outcome: y, weights: weights,
                    interceptShift: calibration.interceptShift)
            })
        model.population = population.isEmpty ? nil : population
        return TrainingReport(model: model, notes: notes)
    }
}

/// The id of each table row, for joining genotypes; the genetic feature must not already be a column.
private func geneticIDs(table: Table, options: TrainingOptions, feature: String, file: String) throws -> [String?] {
    guard let id = options.id, let column = table.column(named: id) else {
        throw DataError(code: .identifierColumnNotFound, file: file, line: 1, column: options.id, "joining genotypes needs the id column of the .fam IIDs")
    }
    guard table.column(named: feature) == nil else {
        throw DataError(file: file, line: 1, column: feature, "the data already have a column named like the polygenic score feature")
    }
    switch column.data {
    case .texts(let values): return values
    case .numbers(let values): return values.map { $0.isNaN ? nil : String(Int($0)) }
    case .categories(let codes, let levels): return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }
}

/// A column inferred categorical whose cells are mostly numbers almost always holds a typo, not categories:
/// it is an error naming the first non-number's line (declare the column categorical when it really is).
private func rejectMostlyNumeric(_ name: String, codes: [Int32], levels: [String], table: Table, file: String) throws {
    let numericLevel = levels.map { DecimalNumber.parse($0) != nil }
    var numeric = 0, present = 0
    var firstText: Int? = nil
    for (row, code) in codes.enumerated() where code >= 0 {
        present += 1
        if numericLevel[Int(code)] { numeric += 1 } else if firstText == nil { firstText = row }
    }
    guard let row = firstText, numeric * 2 >= present else { return }
    throw DataError(
        code: .nonNumericCell, file: file, line: table.lineNumbers[row], column: name,
        "the value is not a number, but \(numeric) of \(present) values in this column are; fix the cell")
}

extension RawColumn {
    /// Number of missing cells.
    var missingCount: Int {
        switch self {
        case .numeric(let v): v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .categorical(let codes, _): codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
