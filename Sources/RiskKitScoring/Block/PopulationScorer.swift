import RiskKitModels
import RiskKitData

/// Scores the patients of one CSV file with several models, a chunk of records at a time, each chunk with
/// every model: how a re-scoring run goes through a population. Each model's patients take exactly the path of
/// `riskkit score` (its ``PatientScorer``, ``RecordLayout`` and ``PatientBlock``s), so results are identical.
///
/// Chunks (``CSVLineChunk``, runs of records) hold ``capacity`` records, the smallest preferred block of the
/// models, so a chunk is one block per model. Chunks are independent (each read from its own bytes), so several
/// can be scored at once.
package struct PopulationScorer: Sendable {
    /// One scorer per model.
    package let scorers: [PatientScorer]
    /// The file as each model reads it.
    package let files: [PatientFile]
    private let layouts: [RecordLayout]
    /// Records per chunk.
    package let capacity: Int
    /// Whether the file is cut at line feeds (``CSVReader/splitsAtLineFeeds``, found once).
    private let splits: Bool

    /// The reader of the file.
    package var reader: CSVReader { files[0].reader }

    /// Matches `reader`'s header to every model (`idColumn`: the column holding patient ids, default the first
    /// model's); `skippingBadRows` leaves a bad row out of a model's block (listed in its rejects) instead of
    /// stopping there.
    /// - Throws: ``DataError`` as ``PatientFile/init(reader:model:idColumn:)``.
    package init(scorers: [PatientScorer], reader: CSVReader, idColumn: String?, skippingBadRows: Bool) throws {
        precondition(!scorers.isEmpty, "at least one model")
        self.scorers = scorers
        let idColumn = idColumn ?? scorers[0].model.idColumn.flatMap { reader.header.contains($0) ? $0 : nil }
        files = try scorers.map { try PatientFile(reader: reader, model: $0.model, idColumn: idColumn) }
        layouts = zip(files, scorers).map { RecordLayout(file: $0, scorer: $1, skippingBadRows: skippingBadRows) }
        capacity = scorers.map { PatientBlock.preferredCapacity($0) }.min()!
        splits = reader.splitsAtLineFeeds
    }

    /// Every chunk of the file in order (one pass; a chunk per ``capacity`` records).
    /// - Throws: ``DataError`` when the file has no data rows.
    package func chunks() throws -> [CSVLineChunk] {
        var chunks: [CSVLineChunk] = []
        var last = reader.startChunk
        while let next = reader.nextRecordChunk(after: last, records: capacity, splits: splits) {
            chunks.append(next)
            last = next
        }
        if chunks.isEmpty { throw reader.noDataRows }
        return chunks
    }

    /// Scores `chunk` with every model: one block per model (same records; a row one model cannot read is in that
    /// model's rejects when skipping bad rows), and the first error that stopped a model early, if any.
    package func score(_ chunk: CSVLineChunk) -> (blocks: [PatientBlock], failure: (any Error)?) {
        var failure: (any Error)?
        var failureLine = Int.max
        let blocks = scorers.indices.map { m in
            var block = PatientBlock(capacity: capacity, scorer: scorers[m])
            var cursor = reader.makeCursor(chunk: chunk)
            let (error, _) = scorers[m].refill(&block, from: &cursor, file: files[m], layout: layouts[m],
                                                firstRow: chunk.firstRecord)
            if let error {
                let line = (error as? DataError)?.line ?? Int.max - 1
                if failure == nil || line < failureLine { (failure, failureLine) = (error, line) }
            }
            return block
        }
        return (blocks, failure)
    }
}
