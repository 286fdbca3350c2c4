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
    /// Schema position of the polygenic score feature, for a model with genetics.
    let geneticFeature: Int?
    /// The polygenic score's feature position and encoded column, for a model with genetics.
    let geneticColumn: (feature: Int, column: Int)?
    /// For each policy rule, the schema position of its `factor` (nil without one, or when it is no feature).
    let ruleFactors: [Int?]
    /// Each feature's encoder, and the position of its first encoded column.
    let codecs: [FeatureCodec]
    let columnOffsets: [Int]
    /// Each feature's levels (empty for numeric and binary ones).
    let levels: [[String]]

    /// Creates a scorer.
    public init(model: RiskModel, genotypeScores: GenotypeScores? = nil, policy: RecommendationPolicy? = nil,
                topContributions: Int = 5) {
        self.model = model
        self.genotypeScores = genotypeScores
        self.policy = policy
        self.topContributions = topContributions
        let features = model.schema.features
        geneticFeature = model.genetics.flatMap { g in features.firstIndex { $0.name == g.feature } }
        geneticColumn = geneticFeature.flatMap { f in
            model.schema.encodedColumnNames.firstIndex(of: features[f].name).map { (f, $0) }
        }
        ruleFactors = (policy?.rules ?? []).map { rule in
            rule.factor.flatMap { factor in features.firstIndex { $0.name == factor } }
        }
        codecs = features.map(FeatureCodec.init)
        levels = features.map { $0.levels ?? [] }
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
        return block.score(0, model: model)
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
        try append(id: input.id, line: input.line, cells: input.cells,
                   fieldValues: policy?.fields.map { input.values[$0.name] } ?? [], to: &block)
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

    /// Reads, encodes and scores the patients of `file` a block at a time (only the columns the model and the
    /// policy use are read, each parsed once), in file order.
    ///
    /// A two-stage pipeline: while block k+1 is read and scored, `format` turns the scored block k into output
    /// in a child task (`async let`, so on the other core); `consume` then gets each block and its output, in
    /// file order.
    /// When a row fails (a value that does not encode, or a malformed record), the patients before it are still
    /// scored, formatted and consumed, then the error is thrown: output stops exactly where the bad row is.
    /// - Throws: ``DataError`` (with the line) for a value that does not encode, the file's reading errors, and
    ///   whatever `consume` throws.
    package func forEachBlock<Output: Sendable>(
        in file: PatientFile, format: @escaping @Sendable (PatientBlock) -> Output,
        consume: (PatientBlock, Output) throws -> Void
    ) async throws {
        let layout = RecordLayout(file: file, scorer: self)
        var cursor = file.reader.makeCursor()
        var row = 0
        /// Refills `block` with the next rows and scores them; returns the error that stopped it early, if any
        /// (the rows before it stay in the block).
        func refill(_ block: inout PatientBlock) -> (any Error)? {
            block.removeAll()
            var failure: (any Error)?
            do {
                _ = try file.reader.scan(&cursor, limit: block.capacity) { record in
                    row += 1
                    try append(record, id: file.id(of: record, row: row), of: file, layout: layout, to: &block)
                }
            } catch {
                failure = error
            }
            score(&block)
            return failure
        }
        var current = PatientBlock(scorer: self), next = PatientBlock(scorer: self)
        var failure = refill(&current)
        if failure == nil && cursor.records == 0 { throw file.reader.noDataRows }
        while current.count > 0 {
            let scored = current
            async let output = format(scored)
            let nextFailure = failure == nil ? refill(&next) : nil
            try await consume(current, output)
            if let failure { throw failure }
            swap(&current, &next)
            failure = nextFailure
        }
        if let failure { throw failure }
    }
}
