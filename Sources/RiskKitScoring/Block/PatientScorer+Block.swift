import Foundation
import RiskKitRecommendations
import RiskKitModels
import RiskKitStatistics
import RiskKitData

extension PatientScorer {
    /// Scores every patient of `block`: linear predictors, risks, percentiles, contributions, the largest
    /// contributions, the genetic part of the risk, and the policy's verdict.
    ///
    /// Algorithm, column by column over the block (column-major, so every inner loop runs down a contiguous
    /// column and vectorizes): `η_i = β₀ + Σ_j β_j·x_ij` accumulated over j in schema order — the same order of
    /// additions as one patient at a time, so results are bit-identical to it (a BLAS `dgemv` would reorder and
    /// fuse them); feature contributions `Σ_{j∈f} β_j·(x_ij − x̄_j)` likewise. Then per patient: the risk
    /// `1/(1+e^{−η})`, its percentile by binary search, the ``topContributions`` largest contributions by partial
    /// selection, and the policy's compiled conditions.
    package func score(_ block: inout PatientBlock) {
        let n = block.count
        guard n > 0 else { return }
        var anyNaN = false
        let capacity = block.capacity
        let coefficients = model.coefficients
        let center = model.schema.center
        let features = model.schema.features
        block.design.withUnsafeBufferPointer { x in
            block.linearPredictors.withUnsafeMutableBufferPointer { eta in
                for i in 0..<n { eta[i] = model.intercept }
                for j in 0..<block.width {
                    let b = coefficients[j + 1].estimate
                    let column = x.baseAddress! + j * capacity
                    for i in 0..<n { eta[i] += b * column[i] }
                }
            }
            anyNaN = block.contributions.withUnsafeMutableBufferPointer { out in
                var anyNaN = false
                var j = 0
                for (f, feature) in features.enumerated() {
                    let result = out.baseAddress! + f * capacity
                    for i in 0..<n { result[i] = 0 }
                    for _ in 0..<feature.width {
                        let b = coefficients[j + 1].estimate, c = center[j]
                        let column = x.baseAddress! + j * capacity
                        for i in 0..<n { result[i] += b * (column[i] - c) }
                        j += 1
                    }
                    for i in 0..<n where result[i].isNaN { anyNaN = true }
                }
                return anyNaN
            }
        }
        for i in 0..<n {
            let risk = RiskModel.probability(linearPredictor: block.linearPredictors[i])
            block.risks[i] = risk
            block.percentiles[i] = model.referenceRisks.percentile(of: risk)
        }
        let k = block.shownCount
        block.contributions.withUnsafeBufferPointer { values in
            block.top.withUnsafeMutableBufferPointer { top in
                for i in 0..<n {
                    RiskModel.largest(values.baseAddress! + i, stride: capacity, count: features.count, k: k,
                                      mayHaveNaN: anyNaN, into: top.baseAddress! + i * k)
                }
            }
        }
        if let g = geneticColumn {
            for i in 0..<n {
                block.genetics[i] = geneticRisk(
                    value: block.design[g.column * capacity + i], known: !block.missing[g.feature * capacity + i],
                    linearPredictor: block.linearPredictors[i], ancestry: genotypeScores?.ancestry(for: block.ids[i]))
            }
        }
        if let policy { recommend(policy, block: &block) }
    }

    /// The policy's verdict for every patient of `block`: for a patient the model cannot assess, only the rules
    /// that do not need the risk.
    private func recommend(_ policy: RecommendationPolicy, block: inout PatientBlock) {
        let capacity = block.capacity, fieldCount = block.fieldCount
        let contributions = block.contributions, problems = block.cellProblems, risks = block.risks
        let notAssessable = block.notAssessable
        var fired = block.fired, skipped = block.skipped, bands = block.bands, firedEnds = block.firedEnds
        block.fired = []
        block.bands = []
        block.firedEnds = []
        fired.removeAll(keepingCapacity: true)
        var lifestyle: [Int32] = []
        var patientSkipped: [SkippedRule] = []
        let count = block.count
        block.cells.withUnsafeBufferPointer { cells in
            for i in 0..<count {
                let patientCells = UnsafeBufferPointer(rebasing: cells[(i * fieldCount)..<((i + 1) * fieldCount)])
                if notAssessable[i] {
                    // No risk: only the rules decided by the patient's fields; no band (−1).
                    policy.evaluateWithoutRisk(cells: patientCells, problem: { problems[i * fieldCount + $0] },
                                               fired: &fired, lifestyle: &lifestyle, skipped: &patientSkipped)
                    bands[i] = -1
                } else {
                    bands[i] = policy.evaluate(
                        risk: risks[i], cells: patientCells, problem: { problems[i * fieldCount + $0] },
                        factorContribution: { r in ruleFactors[r].map { contributions[$0 * capacity + i] } },
                        fired: &fired, lifestyle: &lifestyle, skipped: &patientSkipped)
                }
                firedEnds[i] = fired.count
                if !patientSkipped.isEmpty {
                    skipped[i] = patientSkipped
                    patientSkipped.removeAll(keepingCapacity: true)
                }
            }
        }
        block.fired = fired
        block.bands = bands
        block.firedEnds = firedEnds
        block.skipped = skipped
    }

    /// The genetic part of a patient's risk: `value` is the encoded polygenic score (imputed at the training mean
    /// when not `known`), `eta` the linear predictor, `ancestry` the patient's place against the score's ancestry
    /// reference (adjusted-scale models): outside it, the genetic part is reported not assessable.
    func geneticRisk(value: Double, known: Bool, linearPredictor eta: Double, ancestry: AdjustedScore?) -> GeneticRisk? {
        guard let genetics = model.genetics, let g = geneticColumn else { return nil }
        let logOdds = model.coefficients[g.column + 1].estimate * (value - genetics.trainingMean)
        let percentile = genetics.scale.isAncestryAdjusted
            ? 100 * Normal.cdf(value) : genetics.score.reference.percentile(of: value)
        let distance = ancestry.map(AncestryDistance.init)
        let reason = distance.flatMap { d in
            d.outsideReference ? genetics.score.ancestry.map { d.notAssessableReason(reference: $0.adjustment) } : nil
        }
        return GeneticRisk(
            score: known ? value : nil, percentile: known ? percentile : nil,
            z: known ? (value - genetics.trainingMean) / genetics.trainingSD : nil, logOdds: logOdds,
            oddsRatio: exp(logOdds), riskWithoutGenetics: RiskModel.probability(linearPredictor: eta - logOdds),
            ancestry: distance, notAssessableReason: reason)
    }
}

extension RiskModel {
    /// Writes to `out[0..<min(k, count)]` the indices of the `k` values largest in absolute size among
    /// `values[0], values[stride], …` (`count` of them), largest first, equal sizes in index order: the first `k`
    /// of a stable sort by decreasing |value|.
    ///
    /// Algorithm: partial selection, one pass keeping the best `k` in order by insertion, O(count·k); with a NaN
    /// among the values (which no order ranks) the stable sort itself; `mayHaveNaN: false` promises there is none.
    package static func largest(_ values: UnsafePointer<Double>, stride: Int, count: Int, k requested: Int,
                                mayHaveNaN: Bool = true, into out: UnsafeMutablePointer<Int32>) {
        let k = Swift.min(requested, count)
        if k == 0 { return }
        var hasNaN = false
        for f in 0..<(mayHaveNaN ? count : 0) where values[f * stride].isNaN { hasNaN = true }
        if hasNaN {
            let sorted = (0..<count).sorted { abs(values[$0 * stride]) > abs(values[$1 * stride]) }
            for r in 0..<k { out[r] = Int32(sorted[r]) }
            return
        }
        var kept = 0
        for f in 0..<count {
            let a = abs(values[f * stride])
            if kept == k && !(a > abs(values[Int(out[k - 1]) * stride])) { continue }
            // After every kept index with a size ≥ a: an earlier index wins a tie.
            var position = kept
            while position > 0 && abs(values[Int(out[position - 1]) * stride]) < a { position -= 1 }
            var r = Swift.min(kept, k - 1)
            while r > position {
                out[r] = out[r - 1]
                r -= 1
            }
            out[position] = Int32(f)
            if kept < k { kept += 1 }
        }
    }

    /// The indices of the `count` values largest in absolute size, largest first, equal sizes in index order
    /// (``largest(_:stride:count:k:into:)`` over an array).
    package static func largest(_ values: [Double], count: Int) -> [Int] {
        let k = Swift.min(count, values.count)
        var out = [Int32](repeating: 0, count: k)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                if let base = v.baseAddress, let target = o.baseAddress {
                    largest(base, stride: 1, count: values.count, k: k, into: target)
                }
            }
        }
        return out.map(Int.init)
    }
}
