import RiskKitScoring
import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// Re-scores a population into a history store: every patient of an extract with each model, through the one
/// patient path (``PatientScorer``; the same risks, bands and recommendations as `riskkit score`), recorded as a
/// run of the store.
///
/// The extract is cut into chunks of records (``PopulationScorer``); two are scored at once while the previous one
/// is committed, and each is committed with the run's progress marker in one transaction
/// (``HistoryStore/commit(_:run:rowsDone:counts:)``). A run that was killed is resumed after its last committed
/// records; a run already complete is not redone. The store's writer lock must be held by the caller.
public struct Rescorer: Sendable {
    private let population: PopulationScorer
    private let pseudonyms: Pseudonymizer?
    private let skippingBadRows: Bool
    /// The extract's chunks of records.
    private let chunks: [CSVLineChunk]
    /// Per model: the inputs its digests cover, and each policy rule's stored text (`rule/kind/interval`).
    private let digestLayouts: [InputDigestLayout]
    private let ruleTexts: [[String]]

    /// Data rows of the extract.
    public var rows: Int { chunks.last.map { $0.firstRecord + $0.records } ?? 0 }

    /// Prepares to re-score the patients of `reader` with `scorers` (one per model, each with its policy);
    /// `idColumn` names the id column (default: the first model's), `pseudonyms` replaces ids by keyed pseudonyms,
    /// `skippingBadRows` leaves out (and counts) a row a model cannot read instead of stopping the run.
    /// - Throws: ``DataError`` naming the file for a header that lacks a model's column, or a file without rows.
    public init(scorers: [PatientScorer], data reader: CSVReader, idColumn: String?, pseudonyms: Pseudonymizer?,
                skippingBadRows: Bool) throws {
        population = try PopulationScorer(scorers: scorers, reader: reader, idColumn: idColumn,
                                          skippingBadRows: skippingBadRows)
        self.pseudonyms = pseudonyms
        self.skippingBadRows = skippingBadRows
        chunks = try population.chunks()
        digestLayouts = scorers.map(InputDigestLayout.init)
        ruleTexts = scorers.map { scorer in
            (scorer.policy?.rules ?? []).map {
                RecommendationSet.Entry(rule: $0.id, kind: $0.kind.rawValue, intervalMonths: $0.intervalMonths).encoded
            }
        }
    }

    /// What a re-scoring invocation did.
    public enum Outcome: Sendable, Equatable {
        /// A complete run with the same inputs was already there: nothing was done.
        case nothingToDo(RunRecord)
        /// The run was scored to its end; `resumedAfter` is the rows an earlier, interrupted invocation had
        /// committed (nil for a new run).
        case finished(RunRecord, resumedAfter: Int?)
    }

    /// Re-scores into `store` as the run `description` (whose ``RunDescription/inputRows`` must be ``rows``).
    /// `clock` gives the times recorded, `progress` is told the rows committed so far after each commit, and
    /// `committed` the number of commits this invocation made (a hook for crash tests).
    /// - Throws: ``DataError`` for a row that cannot be scored when not skipping bad rows, or a patient id given
    ///   twice (naming the lines, never the id; the run is then marked interrupted and left incomplete);
    ///   ``StoreError`` when the store fails (the run stays resumable).
    public func run(_ description: RunDescription, in store: any HistoryStore, clock: @Sendable () -> String,
                    progress: (Int) -> Void = { _ in }, committed: (Int) -> Void = { _ in }) async throws -> Outcome {
        precondition(description.inputRows == rows, "the description's rows are the extract's")
        let start = try await store.begin(description, startedAt: clock())
        let run = start.record
        switch start {
        case .alreadyComplete(let record): return .nothingToDo(record)
        case .resumed, .started: break
        }
        let resumedAfter: Int? = if case .resumed = start { run.rowsDone } else { nil }
        // Patients are told apart by the name they are stored under (an id, or its pseudonym: one for one). The
        // chunks committed before a crash are not scored again; their patients come from the store.
        var ids = PatientIDs()
        if run.rowsDone > 0 {
            for patient in try await store.patients(run: run.id) { _ = ids.duplicate(patient, line: nil) }
        }
        let first = chunks.firstIndex { $0.firstRecord >= run.rowsDone } ?? chunks.count
        var commits = 0
        do {
            try await forEachPrepared(from: first) { prepared in
                var chunk = try assemble(prepared, ids: &ids)
                chunk.results.sort { ($0.row, $0.model) < ($1.row, $1.model) }
                let done = prepared.chunk.firstRecord + prepared.chunk.records
                try await store.commit(chunk.results, run: run.id, rowsDone: done, counts: chunk.counts)
                commits += 1
                committed(commits)
                progress(done)
            }
        } catch let error as DataError {
            var error = error
            error.file = error.file ?? population.reader.name
            try? await store.finish(run: run.id, status: .interrupted, endedAt: clock())
            throw error
        }
        try await store.finish(run: run.id, status: .complete, endedAt: clock())
        let record = try await store.runs().first { $0.id == run.id } ?? run
        return .finished(record, resumedAfter: resumedAfter)
    }

    // MARK: - Scoring chunks of records

    /// One chunk of records scored with every model: blocks, pseudonyms, and the error that stopped it, if any.
    private struct Prepared: Sendable {
        var chunk: CSVLineChunk
        var blocks: [PatientBlock]
        /// Per model, per block patient: the result's fields computed off the committing thread.
        var computed: [[Computed]]
        var failure: (any Error)?
    }

    /// A patient's stored fields for one model.
    private struct Computed: Sendable {
        var patient: String
        var risk: Double?, percentile: Double?, band: String?
        var recommendations: String
        var reason: String?
        var digest: String
    }

    /// Scores the chunks from chunk `first` on, two at a time in child tasks, and hands them to `body` in file order.
    private func forEachPrepared(from first: Int, _ body: (Prepared) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: (Int, Prepared).self) { group in
            var started = first, consumed = first
            var done: [Int: Prepared] = [:]
            func startNext() {
                guard started < chunks.count else { return }
                let k = started, chunk = chunks[k]
                group.addTask { (k, prepare(chunk)) }
                started += 1
            }
            startNext()
            startNext()
            while let (k, prepared) = try await group.next() {
                done[k] = prepared
                while let prepared = done.removeValue(forKey: consumed) {
                    try await body(prepared)
                    consumed += 1
                    startNext()
                }
            }
        }
    }

    /// Scores `chunk` with every model and computes each result's fields.
    private func prepare(_ chunk: CSVLineChunk) -> Prepared {
        let (blocks, failure) = population.score(chunk)
        let computed = blocks.indices.map { m in
            let block = blocks[m], scorer = population.scorers[m]
            return (0..<block.count).map { i in
                let id = block.ids[i] ?? ""
                let assessable = !block.notAssessable[i]
                return Computed(
                    patient: pseudonyms?.pseudonym(of: id) ?? id,
                    risk: assessable ? block.risks[i] : nil, percentile: assessable ? block.percentiles[i] : nil,
                    band: block.band(i, of: scorer.policy)?.id,
                    recommendations: recommendations(block.firedRules(i), of: ruleTexts[m]),
                    reason: block.notAssessableReasons[i]?.description,
                    digest: block.inputDigest(i, layout: digestLayouts[m]))
            }
        }
        return Prepared(chunk: chunk, blocks: blocks, computed: computed, failure: failure)
    }

    /// The stored text of the fired rules `fired` (``RecommendationSet/encoded``), built in one string.
    private func recommendations(_ fired: ArraySlice<Int32>, of texts: [String]) -> String {
        var text = ""
        text.reserveCapacity(fired.reduce(0) { $0 + texts[Int($1)].utf8.count + 1 })
        for r in fired {
            if !text.isEmpty { text += ";" }
            text += texts[Int(r)]
        }
        return text
    }

    /// A chunk's results and counts, in order: rows a model could not read, and patients seen before, are left
    /// out for every model (counted by reason) when skipping bad rows, and stop the run otherwise.
    private func assemble(_ prepared: Prepared, ids: inout PatientIDs) throws -> (results: [PatientResult], counts: RunCounts) {
        if let failure = prepared.failure { throw failure }
        var counts = RunCounts()
        // Each record's line, in file order: the first model's patients and the rows it left out (every model
        // reads the same records), and the reason a row is left out (the first model's that refused it).
        var rejected: [Int: PatientReject.Kind] = [:]
        for block in prepared.blocks {
            for reject in block.rejects { if let line = reject.line, rejected[line] == nil { rejected[line] = reject.kind } }
        }
        let first = prepared.blocks[0]
        var lines = (0..<first.count).compactMap { first.lines[$0] }
        lines += first.rejects.compactMap(\.line)
        lines.sort()
        var row: [Int: Int] = [:]
        row.reserveCapacity(lines.count)
        for (k, line) in lines.enumerated() { row[line] = prepared.chunk.firstRecord + k }
        for i in 0..<first.count {
            guard let line = first.lines[i], rejected[line] == nil else { continue }
            if var error = ids.duplicate(prepared.computed[0][i].patient, line: line) {
                guard skippingBadRows else {
                    error.file = population.reader.name
                    throw error
                }
                rejected[line] = .duplicateID
            }
        }
        for kind in rejected.values { counts.rejected[kind.rawValue, default: 0] += 1 }
        var results: [PatientResult] = []
        results.reserveCapacity(first.count * prepared.blocks.count)
        for (m, block) in prepared.blocks.enumerated() {
            for i in 0..<block.count {
                guard let line = block.lines[i], rejected[line] == nil, let r = row[line] else { continue }
                let c = prepared.computed[m][i]
                if c.risk == nil { counts.notAssessable += 1 } else { counts.scored += 1 }
                results.append(PatientResult(
                    row: r, model: m, patient: c.patient, risk: c.risk, percentile: c.percentile, band: c.band,
                    recommendations: RecommendationSet(trusted: c.recommendations), notAssessableReason: c.reason,
                    inputHash: c.digest))
            }
        }
        return (results, counts)
    }
}
