import RiskKitModels
import RiskKitData

extension PatientBlock {
    /// Calls `body` with each feature (schema order) whose value patient `i` gave beyond the range observed in
    /// training (``TrainingRanges``), for a patient the model assessed (none for a not-assessable one, who has no
    /// risk to flag); reads the block's raw-scale design column of each numeric and binary feature, skipping
    /// imputed values, and allocates nothing.
    package func forEachExtrapolated(_ i: Int, scorer: PatientScorer, _ body: (Int) -> Void) {
        guard !notAssessable[i] else { return }
        let ranges = scorer.trainingRanges
        for f in 0..<featureCount where !missing[f * capacity + i]
            && ranges.isBeyond(design[scorer.columnOffsets[f] * capacity + i], feature: f) {
            body(f)
        }
    }

    /// Patient `i`'s values beyond the training data (``forEachExtrapolated(_:scorer:_:)``), in schema order.
    package func extrapolated(_ i: Int, scorer: PatientScorer) -> [Extrapolation] {
        var out: [Extrapolation] = []
        let features = scorer.model.schema.features, ranges = scorer.trainingRanges
        forEachExtrapolated(i, scorer: scorer) { f in
            out.append(Extrapolation(feature: features[f].name, value: design[scorer.columnOffsets[f] * capacity + i],
                                     trained: ranges.range(of: f),
                                     unit: ranges.units[f]))
        }
        return out
    }
}
