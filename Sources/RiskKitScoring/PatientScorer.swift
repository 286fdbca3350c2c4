import Foundation
import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// The one patient path: owns the model, the optional genotype scores and the optional policy, and turns a
/// patient's parsed row into their report.
///
/// A row's cells are parsed once (``PatientInput``, or straight from a file by ``forEachReport(in:_:)``); the
/// polygenic score, for a model that has one, is joined from ``genotypeScores`` by the patient's id and stays a
/// number; the model's ``FeatureSchema`` encodes the row (the one encoder); the model gives the risk, percentile
/// and contributions; the policy, its field clauses resolved to positions once, gives its verdict.
public struct PatientScorer: Sendable {
    /// The saved model.
    public let model: RiskModel
    /// The patients' polygenic scores, for a model with genetics (nil: every patient's score is imputed).
    public let genotypeScores: GenotypeScores?
    /// The recommendation policy applied to each risk, if any.
    public let policy: RecommendationPolicy?
    /// How many contributions a report keeps and shows (largest first).
    public let topContributions: Int
    /// The date screening due dates are judged against (`--as-of`); nil: recommendations carry no due dates.
    public let asOf: CalendarDate?
    /// Schema position of the polygenic score feature, for a model with genetics.
    let geneticFeature: Int?
    /// The polygenic score's feature position and encoded column, for a model with genetics.
    let geneticColumn: (feature: Int, column: Int)?
    /// For each policy rule, the schema position of its `factor` (nil without one, or when it is no feature).
    let ruleFactors: [Int?]
    /// The plausibility checks of the model's features and the policy's fields (the policy's `plausible` ranges).
    public let checks: PatientChecks
    /// Each feature's encoder, and the position of its first encoded column.
    let codecs: [FeatureCodec]
    let columnOffsets: [Int]
    /// Each feature's levels (empty for numeric and binary ones).
    let levels: [[String]]
    /// The model checksum and time written on every report of this scorer.
    public let provenance: ScoringProvenance
    /// The policy's modifiable factors as model features, for what-if plans.
    let whatIfLayout: WhatIfLayout
    /// Each feature's range observed in training, for flagging extrapolated values.
    let trainingRanges: TrainingRanges

    /// Creates a scorer; `allowImputation` imputes a missing required feature instead of reporting the patient
    /// not assessable (research use), `scoredAt` is the run's time as ``ScoringProvenance/timestamp(_:)`` writes it.
    public init(model: RiskModel, genotypeScores: GenotypeScores? = nil, policy: RecommendationPolicy? = nil,
                topContributions: Int = 5, allowImputation: Bool = false, scoredAt: String? = nil,
                asOf: CalendarDate? = nil) {
        self.model = model
        self.genotypeScores = genotypeScores
        self.policy = policy
        self.topContributions = topContributions
        self.asOf = asOf
        let features = model.schema.features
        geneticFeature = model.genetics.flatMap { g in features.firstIndex { $0.name == g.feature } }
        geneticColumn = geneticFeature.flatMap { f in
            model.schema.encodedColumnNames.firstIndex(of: features[f].name).map { (f, $0) }
        }
        ruleFactors = (policy?.rules ?? []).map { rule in
            rule.factor.flatMap { factor in features.firstIndex { $0.name == factor } }
        }
        checks = PatientChecks(model: model, policy: policy, allowImputation: allowImputation,
                               requiring: PatientChecks.requiredByDefault)
        provenance = ScoringProvenance(modelChecksum: model.checksum, scoredAt: scoredAt)
        codecs = features.map(FeatureCodec.init)
        levels = features.map { $0.levels ?? [] }
        whatIfLayout = WhatIfLayout(schema: model.schema, policy: policy)
        trainingRanges = TrainingRanges(features: features, units: checks.featureUnits)
        var offset = 0
        columnOffsets = codecs.map { codec in
            defer { offset += codec.width }
            return offset
        }
    }

    /// Scores one patient (genotypes joined); the score keeps every contribution, largest first.
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        let block = try scored(input, top: model.schema.features.count)
        var score = block.score(0, model: model)
        score.extrapolated = block.extrapolated(0, scorer: self)
        return score
    }

    /// The patient's score and the raw-scale encoded row it came from (genotypes joined).
    package func scoreAndEncoding(_ input: PatientInput) throws -> (score: PatientScore, encoded: [Double]) {
        let block = try scored(input)
        return (block.score(0, model: model), block.encodedRow(0))
    }

    /// The full report for one patient: score (with the ``topContributions`` largest contributions), then the
    /// policy's verdict on the risk and the patient's fields.
    /// - Throws: ``DataError`` as ``score(_:)``.
    public func report(_ input: PatientInput) throws -> PatientReport {
        try scored(input).report(0, scorer: self)
    }

    /// A block holding `input` alone, scored (keeping `top` contributions, default ``topContributions``).
    package func scored(_ input: PatientInput, top: Int? = nil) throws -> PatientBlock {
        var block = PatientBlock(capacity: 1, scorer: self, top: top)
        try append(input, to: &block)
        score(&block)
        return block
    }

    /// Calls `body` with the report of each patient of `file`, in file order (``forEachBlock(in:format:consume:)``,
    /// one report at a time).
    /// - Throws: as ``forEachBlock(in:format:consume:)``.
    public func forEachReport(in file: PatientFile, _ body: (PatientReport) throws -> Void) async throws {
        try await forEachBlock(in: file, format: { _ in () }) { block, _ in
            for i in 0..<block.count { try body(block.report(i, scorer: self)) }
        }
    }

    /// Scores `inputs` (patients given one by one, such as JSON Lines) a block at a time, in order, handing each
    /// scored block with its `format`ted output to `consume`; as ``forEachBlock(in:skippingBadRows:format:consume:)``,
    /// the patients before a failing one are still handed on, then its error is thrown, or with `skippingBadRows`
    /// the failing patient is left out and listed in the block's ``PatientBlock/rejects``.
    package func forEachBlock<Output>(
        of inputs: some Sequence<PatientInput>, skippingBadRows: Bool = false, format: (PatientBlock) -> Output,
        consume: (PatientBlock, Output) throws -> Void
    ) throws {
        var block = PatientBlock(scorer: self)
        func handOn() throws {
            score(&block)
            try consume(block, format(block))
            block.removeAll()
        }
        for input in inputs {
            do {
                try append(input, to: &block)
            } catch let error as DataError where skippingBadRows {
                block.discardUnfinishedPatient()
                block.rejects.append(reject(error, line: input.line, id: input.id))
                continue
            } catch {
                if block.count > 0 || !block.rejects.isEmpty { try handOn() }
                throw error
            }
            if block.isFull { try handOn() }
        }
        if block.count > 0 || !block.rejects.isEmpty { try handOn() }
    }

    /// The reject for a patient record that failed with `error` (a bad value of a categorical feature is an
    /// unknown level).
    package func reject(_ error: DataError, line: Int?, id: String?, malformed: Bool = false) -> PatientReject {
        PatientReject(line: line, id: id, error: error, malformed: malformed) { name in
            model.schema.features.contains { $0.name == name && $0.kind == .categorical }
        }
    }

    /// Reads, encodes and scores the patients of `file` a block at a time (only the columns the model and the
    /// policy use are read, each parsed once), and hands each scored block with its `format`ted output to
    /// `consume`, in file order.
    ///
    /// Two blocks are worked on at once, on the two cores of a small machine: when the file splits at line feeds
    /// (``CSVReader/splitsAtLineFeeds``: no quotes, no carriage returns) two runs of lines are each read, scored and
    /// formatted in their own task; otherwise the file is read in one pass, and block k is formatted in a child
    /// task while block k+1 is read and scored. When a row fails (a value that does not encode, or a malformed
    /// record), the patients before it are still scored, formatted and consumed, then the error is thrown: output
    /// stops exactly where the bad row is. With `skippingBadRows`, a row whose values do not encode or are
    /// implausible, or whose number of fields is wrong, is left out instead and listed in its block's
    /// ``PatientBlock/rejects`` (the good rows take the same path as without).
    /// - Throws: ``DataError`` (with the line) for a value that does not encode, the file's reading errors, and
    ///   whatever `consume` throws.
    package func forEachBlock<Output: Sendable>(
        in file: PatientFile, skippingBadRows: Bool = false, format: @escaping @Sendable (PatientBlock) -> Output,
        consume: (PatientBlock, Output) throws -> Void
    ) async throws {
        let layout = RecordLayout(file: file, scorer: self, skippingBadRows: skippingBadRows)
        let capacity = PatientBlock.preferredCapacity(self)
        if file.reader.splitsAtLineFeeds {
            try await forEachChunk(of: file, layout: layout, capacity: capacity, format: format, consume: consume)
            return
        }
        var cursor = file.reader.makeCursor()
        var current = PatientBlock(capacity: capacity, scorer: self), next = current
        var (failure, records) = refill(&current, from: &cursor, file: file, layout: layout, firstRow: 0)
        if failure == nil && cursor.records == 0 { throw file.reader.noDataRows }
        while records > 0 {
            let scored = current
            async let output = format(scored)
            let (nextFailure, nextRecords) = failure == nil
                ? refill(&next, from: &cursor, file: file, layout: layout, firstRow: cursor.records) : (nil, 0)
            try await consume(current, output)
            if let failure { throw failure }
            swap(&current, &next)
            (failure, records) = (nextFailure, nextRecords)
        }
        if let failure { throw failure }
    }

    /// ``forEachBlock(in:format:consume:)`` for a file that splits at line feeds: runs of `capacity` records, each
    /// read, scored and formatted in a task of its own, three at a time (so both cores stay busy while finished
    /// runs are consumed), and consumed in file order.
    private func forEachChunk<Output: Sendable>(
        of file: PatientFile, layout: RecordLayout, capacity: Int, format: @escaping @Sendable (PatientBlock) -> Output,
        consume: (PatientBlock, Output) throws -> Void
    ) async throws {
        let reader = file.reader
        /// Reads, scores and formats one run of lines.
        @Sendable func work(_ chunk: CSVLineChunk) -> Scored<Output> {
            var block = PatientBlock(capacity: capacity, scorer: self)
            var cursor = reader.makeCursor(chunk: chunk)
            let (failure, _) = refill(&block, from: &cursor, file: file, layout: layout, firstRow: chunk.firstRecord)
            return Scored(block: block, output: format(block), failure: failure, end: chunk.bytes.upperBound)
        }
        var last = reader.startChunk
        var released = 0
        try await withThrowingTaskGroup(of: (Int, Scored<Output>).self) { group in
            var started = 0, consumed = 0
            var done: [Int: Scored<Output>] = [:]
            /// Starts the next run, if any.
            func startNext() -> Bool {
                guard let chunk = reader.nextLineChunk(after: last, records: capacity) else { return false }
                last = chunk
                let k = started
                group.addTask { (k, work(chunk)) }
                started += 1
                return true
            }
            for _ in 0..<3 where !startNext() { break }
            while let (k, result) = try await group.next() {
                done[k] = result
                while let result = done.removeValue(forKey: consumed) {
                    try consume(result.block, result.output)
                    if let failure = result.failure { throw failure }
                    consumed += 1
                    _ = startNext()
                    // The runs before this one's end are read: their pages can go back to the kernel.
                    if result.end - released >= 64 << 20 {
                        reader.releasePages(before: result.end)
                        released = result.end
                    }
                }
            }
        }
        if last.records == 0 { throw reader.noDataRows }
    }

    /// A run of lines read, scored and formatted, with the error that stopped it early, if any.
    private struct Scored<Output: Sendable>: Sendable {
        var block: PatientBlock
        var output: Output
        var failure: (any Error)?
        /// The byte after the run.
        var end: Int
    }

    /// Empties `block`, fills it with the next rows of `cursor` (the first being data row `firstRow`, 0-based)
    /// and scores them; returns the error that stopped it early, if any (the rows before it stay in the block),
    /// and how many records were read (rejected ones included; 0 at the end of the file).
    func refill(_ block: inout PatientBlock, from cursor: inout CSVRecordCursor, file: PatientFile,
                        layout: RecordLayout, firstRow: Int) -> (failure: (any Error)?, records: Int) {
        block.removeAll()
        var row = firstRow
        var failure: (any Error)?
        /// Lists a row left out (only when skipping bad rows).
        func reject(_ error: DataError, id: String?, malformed: Bool = false) {
            block.discardUnfinishedPatient()
            block.rejects.append(self.reject(error, line: error.line, id: id, malformed: malformed))
        }
        do {
            _ = try file.reader.scan(&cursor, limit: block.capacity, malformed: { error in
                guard layout.skippingBadRows else { throw error }
                row += 1
                reject(error, id: nil, malformed: true)
            }) { record in
                row += 1
                let id = file.id(of: record, row: row)
                do {
                    try append(record, id: id, of: file, layout: layout, to: &block)
                } catch let error as DataError where layout.skippingBadRows {
                    reject(error, id: id)
                }
            }
        } catch {
            failure = error
        }
        score(&block)
        return (failure, row - firstRow)
    }
}
