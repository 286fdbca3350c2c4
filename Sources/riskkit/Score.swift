import ArgumentParser
import Foundation
import RiskKit

struct Score: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score patients with a saved model: risk, percentile, driving factors and recommendations.",
        discussion: """
            Patients come from --data FILE (streamed: memory does not grow with the number of patients), \
            --data - (CSV on standard input, read whole), --set field=value pairs (one patient), or standard input \
            holding one JSON object (one patient, shown in full) or JSON Lines (one patient per line). Without --policy, the \
            file default-policy.json next to the model is used when present. Recommendations are decision \
            support, not diagnosis: each names the rule and guideline it came from. Files written with --out are \
            readable by their owner only. Give --model several times (each with its --policy, in the same order) \
            for a care plan across conditions: one risk section per model and one merged list of recommendations. \
            Screening recommendations whose rule names a last-test date field get a due date relative to --as-of.

            A patient outside the model's applicable range or declared population (train --applicable sex=F), or \
            missing a feature or population field the model requires (age and sex when the model file does not \
            say), is reported `not_assessable` with the reason and gets no risk; only the policy rules that do not \
            need the risk are applied. Other missing features are imputed and listed. A value inside the applicable \
            range but beyond the training data is scored and listed as `extrapolated`. With a polygenic score \
            adjusted for ancestry (train --prs-scale), each patient's ancestry distance is reported, and a patient \
            outside the score's reference PC cloud gets no genetic part (the score is imputed at the training \
            mean, the reason given in genetics_not_assessable_reason). \
            Every row carries the model's checksum, the policy version and the run's time (scored_at; \
            SOURCE_DATE_EPOCH fixes it, for reproducible outputs).

            In a batch, --on-error skip leaves out rows that cannot be scored (implausible or unparseable value, \
            unknown level, malformed record, duplicate id), counts them on standard error and lists them in \
            --rejects FILE; the run then exits 0 (65 with the default --on-error stop, at the first bad row).
            """)

    @Option(help: "The model file (repeat for a care plan across conditions).") var model: [String]
    @Option(help: "CSV file of patients (one per row, with a header); - reads it from standard input.") var data: String?
    @Option(name: .customLong("set"), help: "A field of a single patient, as name=value (repeatable).")
    var fields: [String] = []
    @Option(help: "Recommendation policy file (default: default-policy.json beside the model); with several --model, one per model, in the same order.")
    var policy: [String] = []
    @Flag(help: "Do not apply any recommendation policy.") var noPolicy = false
    @Flag(help: "Apply the policy even when the outcome or horizon it was written for differs from the model's.")
    var forcePolicy = false
    @Option(help: "Identifier column in --data (default: the model's id column).") var id: String?
    @Option(help: "Output format: table, csv or json (JSON Lines: one object per patient).") var format: OutputFormat = .table
    @Option(help: "Write to this file (owner-only permissions) instead of standard output.") var out: String?
    @Option(help: "How many contributing factors to show per patient.") var top: Int = 5
    @Option(help: "Contributions in table and CSV output: log-odds (default) or odds-ratio (e^contribution, against an average patient in the training data).")
    var contributions: ContributionScale = .logOdds
    @Option(name: .customLong("as-of"), help: "The date screening due dates are judged against, YYYY-MM-DD (default: today in UTC, or the day of SOURCE_DATE_EPOCH when set).")
    var asOf: String?
    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset with the patients' genotypes (IID = patient id), for models with a polygenic score.")
    var bfile: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @Flag(help: "Impute missing required features instead of reporting the patient not assessable (research use).")
    var allowImputation = false
    @Option(name: .customLong("on-error"), help: "A batch row that cannot be scored: stop (exit 65 at that row) or skip (leave it out and go on; exit 0).")
    var onError: BadRowHandling = .stop
    @Option(help: "With --on-error skip: write the rows left out to this CSV file (line,id,field,reason; owner-only, as it holds patient ids).")
    var rejects: String?

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        try vcf.validate(bfile: bfile, required: false)
        if data != nil && !fields.isEmpty { throw ValidationError("give either --data or --set, not both") }
        if top < 0 { throw ValidationError("--top must not be negative") }
        if rejects != nil && onError != .skip { throw ValidationError("--rejects needs --on-error skip") }
        if model.count > 1 && onError == .skip {
            throw ValidationError("--on-error skip works with one --model; a care plan batch stops at its first bad row")
        }
        for f in fields where !f.contains("=") { throw ValidationError("--set expects name=value, got `\(f)`") }
        if !policy.isEmpty && policy.count != model.count {
            throw ValidationError("give one --policy per --model, in the same order (or none): got \(model.count) models and \(policy.count) policies")
        }
        _ = try AsOfDate.resolve(asOf)
    }

    func run() async throws {
        try await runReportingErrors {
            let asOfDate = try AsOfDate.resolve(asOf)
            if model.count > 1 { return try scoreCarePlan(asOf: asOfDate) }
            let riskModel = try RiskModel.load(path: model[0])
            let recommendationPolicy = try loadPolicy(for: riskModel, modelPath: model[0], policyPath: policy.first)
            let scorer = PatientScorer(
                model: riskModel, genotypeScores: try GeneticScores.forModel(riskModel, genotypes: vcf.source(bfile: bfile)),
                policy: recommendationPolicy, topContributions: top, allowImputation: allowImputation,
                scoredAt: try SourceDateEpoch.timestamp(), asOf: asOfDate)
            let skipping = onError == .skip
            var withoutGenotypes = 0, outsideAncestry = 0
            /// Counts the patients whose polygenic score was imputed for want of genotypes, and those whose genetic
            /// part is not assessed (outside the score's ancestry reference).
            func countGenotypes(_ i: Int, of block: PatientBlock) {
                guard scorer.genotypeScores != nil, let g = block.genetics[i], g.score == nil else { return }
                if g.notAssessableReason == nil { withoutGenotypes += 1 } else { outsideAncestry += 1 }
            }
            // Standard input holds the patients of `--data -`, or one JSON object, or JSON Lines.
            let rejected = try RejectsFile(path: rejects)
            // Rows of JSON Lines left out before scoring (lines that do not parse, unknown fields), and with them
            // those of scoring, are written in line order at the end.
            var jsonRejects: [PatientReject]?
            let jsonLines = data == nil && fields.isEmpty
                ? try JSONPatient.lines(from: readStandardInput(), skipping: skipping ? { line, error in
                    jsonRejects = (jsonRejects ?? []) + [scorer.reject(error, line: line, id: nil, malformed: true)]
                } : nil) : nil
            let sink = try OutputSink(path: out)
            var formatter = ReportFormatter(format: format, scorer: scorer, contributions: contributions)
            // JSON Lines are a batch even when bad lines were skipped down to one or none.
            let jsonBatch = (jsonLines?.count ?? 0) + (jsonRejects?.count ?? 0) > 1
            formatter.detailed = data == nil && !jsonBatch
            var writer = ReportWriter(formatter: formatter, sink: sink)
            var scored = 0, withImputation = 0, notAssessable = 0, requiredImputed = 0
            /// Counts what the summary lines report of patient `i`.
            func count(_ i: Int, of block: PatientBlock) {
                countGenotypes(i, of: block)
                if block.hasImputed(i) { withImputation += 1 }
                if block.notAssessable[i] { notAssessable += 1 }
                if allowImputation && block.hasImputedRequired(i, checks: scorer.checks) { requiredImputed += 1 }
            }
            let progress = Progress(label: "scored", unit: "patients")
            /// Writes a scored block's rows, counting what the summary lines report.
            var ids = PatientIDs()
            func write(_ block: PatientBlock, _ rows: ReportFormatter.Rows) throws {
                if skipping { return try writeSkipping(block, rows) }
                // A patient id given twice stops the batch at its second record.
                let duplicate = ids.firstDuplicate(in: block)
                try writer.write(duplicate.map { rows.prefix($0.index) } ?? rows) { i in
                    count(i, of: block)
                    scored += 1
                    progress.update(scored)
                }
                if let duplicate { throw duplicate.error }
            }
            /// ``write`` leaving out the rows whose id was seen before, and listing them with the block's rejects.
            func writeSkipping(_ block: PatientBlock, _ rows: ReportFormatter.Rows) throws {
                let duplicates = ids.duplicates(in: block)
                var blockRejects = block.rejects
                if !duplicates.isEmpty {
                    blockRejects += duplicates.map { i, error in
                        PatientReject(line: error.line, id: block.ids[i], field: nil, kind: .duplicateID, reason: error.message)
                    }
                    blockRejects.sort { ($0.line ?? 0) < ($1.line ?? 0) }
                }
                if jsonRejects != nil { jsonRejects! += blockRejects } else { try rejected.add(blockRejects) }
                let kept = duplicates.isEmpty ? nil : rows.keeping(without: duplicates.map(\.index))
                try writer.write(kept?.rows ?? rows) { k in
                    count(kept?.indices[k] ?? k, of: block)
                    scored += 1
                    progress.update(scored)
                }
            }
            do {
                if let data {
                    // No BLAS here: OpenBLAS's idle workers would otherwise spin on the core the second block uses.
                    BLASThreads.shutDownWorkers()
                    let file = data == "-"
                        ? try PatientFile(reader: CSVReader(bytes: readStandardInput(), name: "<stdin>"), model: riskModel, idColumn: id)
                        : try PatientFile(path: data, model: riskModel, idColumn: id)
                    do {
                        try await scorer.forEachBlock(in: file, skippingBadRows: skipping, format: formatter.rows, consume: write)
                    } catch var error as DataError {
                        error.file = error.file ?? file.reader.name
                        throw error
                    }
                    progress.finish(scored)
                } else if let jsonLines, jsonBatch {
                    // Without an id field, the n-th patient is `row n`, as in a CSV file (skipped lines count).
                    let inputs = try jsonLines.compactMap { entry -> PatientInput? in
                        do {
                            return try patient(riskModel, fields: entry.fields, scorer: scorer, id: "row \(entry.row)", line: entry.line)
                        } catch let error as DataError where skipping {
                            let id = riskModel.idColumn.flatMap { entry.fields[$0] } ?? "row \(entry.row)"
                            jsonRejects = (jsonRejects ?? []) + [scorer.reject(error, line: entry.line, id: id)]
                            return nil
                        }
                    }
                    if skipping { jsonRejects = jsonRejects ?? [] }
                    do {
                        try scorer.forEachBlock(of: inputs, skippingBadRows: skipping, format: formatter.rows, consume: write)
                    } catch var error as DataError {
                        error.file = error.file ?? "<stdin>"
                        throw error
                    }
                    try rejected.add((jsonRejects ?? []).sorted { ($0.line ?? 0) < ($1.line ?? 0) })
                    progress.finish(scored)
                } else {
                    let values = jsonLines?.first?.fields ?? setFields()
                    let input = try patient(riskModel, fields: values, scorer: scorer)
                    let block = try scorer.scored(input)
                    count(0, of: block)
                    let imputed = block.score(0, model: riskModel).imputed
                    // A patient the model cannot assess was not scored from imputed values: the output says why.
                    if !imputed.isEmpty && !block.notAssessable[0] {
                        log.info("\(imputed.count) of \(riskModel.schema.features.count) features were not given and were imputed from the training data: \(imputed.joined(separator: ", "))")
                    }
                    try writer.write(formatter.rows(block))
                }
                if notAssessable > 0 && !formatter.detailed {
                    log.info("of \(scored) patients: \(scored - notAssessable) scored, \(notAssessable) not assessable (see `status` and `not_assessable_reason`)")
                }
                if requiredImputed > 0 {
                    log.warning("\(requiredImputed) patient\(requiredImputed == 1 ? "" : "s") had a required feature missing and imputed from the training data (--allow-imputation): research use only")
                }
                if skipping {
                    if let summary = rejected.summary {
                        log.info("\(summary)\(rejects == nil ? " (counted only: --rejects FILE lists them)" : "")")
                    } else {
                        log.info("skipped no rows")
                    }
                }
                if withImputation > 0 && !formatter.detailed {
                    log.info("\(withImputation) of \(scored) patients had missing features, imputed from the training data (see `imputed`)")
                }
                if withoutGenotypes > 0 {
                    log.info("\(withoutGenotypes) patients have no genotypes in \(vcf.source(bfile: bfile)?.files ?? ""): their polygenic score was imputed at the training mean")
                }
                if outsideAncestry > 0 {
                    log.info("\(outsideAncestry) patients lie outside the polygenic score's ancestry reference: their genetic part is not assessed (see genetics_not_assessable_reason)")
                }
                try writer.finish()
                try sink.commit()
                try rejected.commit()
            } catch {
                sink.abandon()
                rejected.abandon()
                throw error
            }
        }
    }

    /// The policy to apply (nil: none), checked against the model's outcome and horizon (``PolicyLoading``).
    func loadPolicy(for riskModel: RiskModel, modelPath: String, policyPath: String?) throws -> RecommendationPolicy? {
        try PolicyLoading(noPolicy: noPolicy, forcePolicy: forcePolicy)
            .policy(for: riskModel, modelPath: modelPath, policyPath: policyPath)?.policy
    }

    /// The `--set` pairs as named values.
    func setFields() -> [String: String] {
        var values: [String: String] = [:]
        for f in fields {
            let parts = f.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0]).trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? String(parts[1]) : ""
        }
        return values
    }

    /// All of standard input (a terminal is refused: it would wait for typing).
    func readStandardInput() throws -> [UInt8] {
        guard isatty(STDIN_FILENO) == 0 else {
            throw ValidationError("no patient given: use --data FILE, --set name=value, or pipe CSV (--data -), a JSON object or JSON Lines to standard input")
        }
        return Array(FileHandle.standardInput.readDataToEndOfFile())
    }

    /// One patient from named values; a misspelt name is an error (with the closest known name), not a silently
    /// imputed feature.
    private func patient(_ model: RiskModel, fields values: [String: String], scorer: PatientScorer, id: String? = nil,
                         line: Int? = nil) throws -> PatientInput {
        do {
            try scorer.checks.checkFieldNames(values.keys)
            var input = try PatientInput(model: model, fields: values, id: id.map { model.idColumn.flatMap { values[$0] } ?? $0 })
            input.line = line
            return input
        } catch var error as DataError {
            error.line = error.line ?? line
            throw error
        }
    }
}

/// Reads one patient from a JSON object (`{"age": 54, "smoker": 1, "sex": "M"}`).
enum JSONPatient {
    /// A JSON scalar: booleans become 1/0, numbers their shortest text, null is missing.
    private enum Scalar: Decodable {
        case text(String?)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .text(nil)
            } else if let b = try? c.decode(Bool.self) {
                self = .text(b ? "1" : "0")
            } else if let d = try? c.decode(Double.self) {
                self = .text(d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d))
            } else if let s = try? c.decode(String.self) {
                self = .text(s)
            } else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "value must be a number, a string, true/false or null")
            }
        }
    }

    static func fields(from data: Data) throws -> [String: String] {
        let object = try JSONDecoder().decode([String: Scalar].self, from: data)
        return object.compactMapValues { if case .text(let t) = $0 { t ?? "" } else { nil } }
    }

    /// The patients of standard input with their 1-based line numbers and row numbers (the n-th object is row n):
    /// one JSON object (which may span lines), or JSON Lines (one object per non-empty line).
    /// - Throws: `ValidationError` for empty input; ``DataError`` naming `<stdin>` (and the line, for JSON Lines)
    ///   when an object does not parse.
    /// With `skipping`, a line that does not parse is handed to it (with its line number) and left out instead.
    static func lines(from bytes: [UInt8], skipping: ((Int, DataError) -> Void)? = nil) throws
        -> [(line: Int, row: Int, fields: [String: String])] {
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw ValidationError("no patient given: use --data FILE, --set name=value, or a JSON object on standard input")
        }
        if let whole = try? fields(from: Data(bytes)) { return [(1, 1, whole)] }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains { ![0x20, 0x09, 0x0D].contains($0) } }
        guard lines.count > 1 else {
            do {
                return [(1, 1, try fields(from: Data(bytes)))]
            } catch {
                throw DataError(file: "<stdin>", "expected one JSON object mapping field names to numbers or strings (\(error))")
            }
        }
        return try lines.enumerated().compactMap { n, numbered in
            let (k, line) = numbered
            do {
                return (k + 1, n + 1, try fields(from: Data(line)))
            } catch {
                let failure = DataError(file: "<stdin>", line: k + 1, "expected one JSON object per line, mapping field names to numbers or strings (\(error))")
                guard let skipping else { throw failure }
                skipping(k + 1, failure)
                return nil
            }
        }
    }
}
