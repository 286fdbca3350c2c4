import ArgumentParser
import Foundation
import RiskKit

/// plink2's `--indep-pairwise WINDOW[kb] [STEP] R2`, shared by `pca` and `prune`.
struct PruningOptions: ParsableArguments {
    @Option(name: .customLong("indep-pairwise"), parsing: .upToNextOption,
            help: "LD pruning as plink2: WINDOW (variants, or base pairs with a kb suffix) [STEP (variants; 1 with kb)] R2.")
    var indepPairwise: [String] = []

    func validate() throws { _ = try pruning }

    /// The pruning asked for, or nil without `--indep-pairwise`; plink2's argument rules.
    var pruning: PairwiseLDPruning? {
        get throws {
            guard !indepPairwise.isEmpty else { return nil }
            var values = indepPairwise
            if values.count >= 2, values[1].lowercased() == "kb" { values[0] += "kb"; values.remove(at: 1) }
            guard (2...3).contains(values.count) else {
                throw ValidationError("--indep-pairwise takes WINDOW [STEP] R2, e.g. `--indep-pairwise 50 5 0.2` or `--indep-pairwise 200kb 0.5`")
            }
            var window = values[0]
            let kilobases = window.lowercased().hasSuffix("kb")
            if kilobases { window.removeLast(2) }
            guard let size = Double(window), size >= 0 else {
                throw ValidationError("--indep-pairwise window size `\(values[0])` is not a non-negative number")
            }
            var step = 1
            if values.count == 3 {
                guard let s = Int(values[1]), s >= 1 else {
                    throw ValidationError("--indep-pairwise step `\(values[1])` is not a positive whole number")
                }
                step = s
            }
            guard let r2 = Double(values[values.count - 1]), r2 >= 0, r2 < 1 else {
                throw ValidationError("--indep-pairwise r² threshold `\(values[values.count - 1])` must lie in [0, 1)")
            }
            if kilobases {
                guard step == 1 else { throw ValidationError("--indep-pairwise step must be 1 when the window is in kb") }
                let basePairs = Int(size * 1000 * (1 + 0x1p-44))
                guard basePairs >= 2 else { throw ValidationError("--indep-pairwise window must be at least 2 bp") }
                return PairwiseLDPruning(window: .basePairs(basePairs), threshold: r2)
            }
            let variants = Int(Swift.min(size, Double(Int32.max)))
            guard variants >= 1 else { throw ValidationError("--indep-pairwise window must hold at least 1 variant") }
            guard step <= variants else {
                throw ValidationError("--indep-pairwise step cannot be larger than the window size")
            }
            return PairwiseLDPruning(window: .variants(size: variants, step: step), threshold: r2)
        }
    }

    /// Prunes `selection` when asked, writing `out.prune.in` and `out.prune.out` (variant IDs, one a line, as
    /// plink2) and logging the counts; returns the variants to use next (all selected ones without pruning).
    func prune(_ fileset: PlinkFileset, _ selection: GenotypeSelection, nonfounders: Bool, threads: Int, out: String) throws
        -> [Int]
    {
        guard let pruning = try pruning else { return selection.variants }
        let founders = selection.frequencySamples(in: fileset, nonfounders: nonfounders)
        let result = try pruning.prune(fileset: fileset, founders: founders, variants: selection.variants, threads: threads)
        if result.unplacedCount > 0 {
            log.info("--indep-pairwise: left out \(result.unplacedCount) variants on chromosome 0 (unplaced), as plink2")
        }
        log.info("--indep-pairwise: \(result.removed.count) of \(result.kept.count + result.removed.count) variants removed (LD over \(founders.count) \(nonfounders ? "samples" : "founders"))")
        for (suffix, list) in [(".prune.in", result.kept), (".prune.out", result.removed)] {
            try OutputSink.writeFile(out + suffix) { sink in
                for v in list { try sink.write(fileset.variants[v].id + "\n") }
            }
        }
        log.info("variant lists written to \(out).prune.in and \(out).prune.out")
        return result.kept
    }
}
