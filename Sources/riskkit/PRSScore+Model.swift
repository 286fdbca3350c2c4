import Foundation
import RiskKit

extension PRSScore {
    /// `prs score --model`: raw score, reference percentile and Z, and the ancestry-adjusted values when the model
    /// has ancestry PCs.
    func scoreWithModel(path: String) throws {
        let scoreModel = try PolygenicScoreModel.load(path: path)
        let source = vcf.source(bfile: prefix)!
        let fileset = try source.openLogged()
        let selection = try qc.select(in: fileset)
        let scores = scoreModel.score(fileset: fileset, samples: selection.samples)
        let unavailable = scores.unavailable > 0 ? "; \(scores.unavailable) unavailable, counted at their reference mean" : ""
        let imputed = scores.imputedCalls > 0 ? "; \(scores.imputedCalls) missing calls imputed" : ""
        log.info("scored \(selection.samples.count) samples over \(scores.matched) of \(scoreModel.variants.count) model variants\(unavailable)\(imputed)")
        let unavailableFraction = Double(scores.unavailable) / Double(scoreModel.variants.count)
        if 1 - unavailableFraction < minOverlap {
            throw DataError(file: path, "only \(scores.matched) of the model's \(scoreModel.variants.count) variants are in \(source.variantFile) (below --min-overlap \(minOverlap))")
        }
        var header = ["#IID", "SCORE", "PERCENTILE", "Z"]
        var rows: [[Double]] = scores.raw.map { [$0, scoreModel.reference.percentile(of: $0), scoreModel.reference.z(of: $0)] }
        if let ancestry = scoreModel.ancestry {
            let (projection, adjustedScores) = try ancestry.adjust(fileset, samples: selection.samples, raw: scores.raw)
            log.info("\(projection.matchSummary)")
            let k = ancestry.pca.componentCount
            header = ["#IID", "SCORE", "PERCENTILE"] + (1...k).map { "PC\($0)" }
                + ["Z_NORM1", "Z_NORM2", "Z_NORM2_PERCENTILE", "MAHALANOBIS_D2", "PC_CLOUD_P", "OUTSIDE_REFERENCE"]
            var outside = 0
            rows = adjustedScores.enumerated().map { r, adjusted in
                let pcs = (0..<k).map { projection.scores[r, $0] }
                if adjusted.isOutlier { outside += 1 }
                return [adjusted.raw, adjusted.rawPercentile] + pcs
                    + [adjusted.zNorm1, adjusted.zNorm2, adjusted.zNorm2Percentile, adjusted.mahalanobisDistanceSquared,
                       adjusted.pcCloudPValue, adjusted.isOutlier ? 1 : 0]
            }
            if outside > 0 {
                log.warning("\(outside) samples lie outside the reference PC cloud (p < \(ancestry.adjustment.outlierLevel)); their adjusted scores are extrapolations")
            }
        }
        let sink = try OutputSink(path: output.out)
        do {
            try writeModelScores(header: header, rows: rows, samples: selection.samples.indices.map { fileset.samples[$0] }, to: sink)
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }

    private func writeModelScores(header: [String], rows: [[Double]], samples: [PlinkSample], to sink: OutputSink) throws {
        let flagColumn = header.last == "OUTSIDE_REFERENCE" ? header.count - 2 : nil
        func cell(_ value: Double, _ k: Int) -> String { k == flagColumn ? String(Int(value)) : plinkNumber(value, missing: "nan") }
        switch output.format {
        case .tsv, .csv:
            let separator = output.format == .tsv ? "\t" : ","
            try sink.write(header.joined(separator: separator) + "\n")
            for (sample, row) in zip(samples, rows) {
                let id = output.format == .csv ? csvField(sample.individualID) : sample.individualID
                try sink.write(([id] + row.enumerated().map { cell($1, $0) }).joined(separator: separator) + "\n")
            }
        case .json:
            try sink.write("[\n")
            let keys = header.dropFirst().map { $0.lowercased() }
            for (n, (sample, row)) in zip(samples, rows).enumerated() {
                let fields = ["\"fid\": \(jsonString(sample.familyID))", "\"iid\": \(jsonString(sample.individualID))"]
                    + zip(keys, row).enumerated().map { k, pair in
                        "\"\(pair.0)\": " + (k == flagColumn ? (pair.1 == 1 ? "true" : "false") : jsonNumber(pair.1))
                    }
                try sink.write("  {" + fields.joined(separator: ", ") + "}" + (n + 1 < rows.count ? ",\n" : "\n"))
            }
            try sink.write("]\n")
        case .table:
            var table = TextTable(header: header.map { $0 == "#IID" ? "IID" : $0 }, rightAligned: Set(1..<header.count))
            for (sample, row) in zip(samples, rows) {
                table.add([sample.individualID] + row.enumerated().map { cell($1, $0) })
            }
            try sink.write(table.render())
        }
    }
}
