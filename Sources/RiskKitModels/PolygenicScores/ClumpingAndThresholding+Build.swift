import Logging
import RiskKitStatistics
import RiskKitData

extension ClumpingAndThresholding {
    /// A C+T score built on validation samples: the model, every threshold's evaluation and the chosen one.
    public struct Build: Sendable {
        /// The PRS model (weights of the chosen threshold's index variants, reference distribution, provenance).
        public var model: PolygenicScoreModel
        /// The chosen threshold's score of each scored sample (the reference distribution's values).
        public var referenceScores: [Double]
        /// The evaluation of each threshold, in ascending threshold.
        public var results: [ThresholdResult]
        /// Index of the chosen threshold in `results`.
        public var chosen: Int
    }

    /// The fileset an LD clumping reads: the target's founders, or those of an LD reference.
    public struct LDSource {
        /// The fileset LD is computed in.
        public var fileset: PlinkFileset
        /// Its samples and variants after QC.
        public var selection: GenotypeSelection
        /// The LD reference's prefix, recorded in the model; nil for the target.
        public var name: String?

        /// Creates the source.
        public init(fileset: PlinkFileset, selection: GenotypeSelection, name: String? = nil) {
            self.fileset = fileset
            self.selection = selection
            self.name = name
        }
    }

    /// Reads the association results at `path` and matches them to `variants` of `fileset` by id and allele,
    /// logging what was read and matched (counts only).
    /// - Throws: ``DataError`` when no result matches (`filesetName` names the fileset); reading errors.
    public static func matchedStatistics(
        path: String, fileset: PlinkFileset, filesetName: String, variants: [Int], logger: Logger
    ) throws -> (statistics: SummaryStatistics, match: StatisticsMatch) {
        let statistics = try SummaryStatistics.read(path: path)
        logger.info("""
            \(statistics.entries.count) association results in \(path) (columns \
            \(statistics.columns.joined(separator: ", "))); \(statistics.withoutResult) lines without a result, \
            \(statistics.otherTests) of other tests left out
            """)
        let match = StatisticsMatch(statistics, fileset: fileset, variants: variants)
        logger.info("association results: \(match.summary)")
        guard !match.matched.isEmpty else {
            throw DataError(file: path, "no association result matches a variant of \(filesetName).bim (by id and allele)")
        }
        return (statistics, match)
    }

    /// Clumps `match` in `ld` (founders only unless `nonfounders`), scores every sample of `scored` at each
    /// threshold of `thresholds` (ascending), evaluates the thresholds on `validation` and assembles the model of
    /// the threshold with the largest Nagelkerke R² (as PRSice-2), with its provenance: `inputFiles` (role →
    /// path, hashed) and `options` (as given) are recorded with the counts. Logs the clumps and the choice.
    /// - Throws: ``DataError`` (naming `statistics.path`) when no threshold can be evaluated.
    public static func build(
        statistics: SummaryStatistics, statisticsPath: String, match: StatisticsMatch, fileset: PlinkFileset,
        ld: LDSource, nonfounders: Bool, options clumping: ClumpingOptions, thresholds grid: [Double],
        scored: SampleSubset, validation: Validation, description: String?, inputFiles: [String: String],
        options: [String: String], logger: Logger
    ) throws -> Build {
        let (index, clumps, missingFromReference) = try indexVariants(
            match, ldFileset: ld.fileset, ldSamples: ld.selection.frequencySamples(in: ld.fileset, nonfounders: nonfounders),
            ldVariants: ld.selection.variants, options: clumping)
        let absent = missingFromReference > 0 ? "; \(missingFromReference) results absent from the LD reference left out" : ""
        logger.info("\(clumps.count) clumps from \(match.matched.count - missingFromReference) results\(absent)")

        // Every scored sample's frequencies impute missing calls and its scores make the reference distribution;
        // those with a phenotype and covariates (the validation set) evaluate the thresholds.
        let scores = self.scores(index: index, thresholds: grid, fileset: fileset, samples: scored)
        let counts = grid.map { t in index.reduce(0) { $0 + ($1.entry.p <= t ? 1 : 0) } }
        let results = try evaluate(
            scores: scores.scores.selectingRows(of: validation.samples, in: scored), counts: counts,
            thresholds: grid, validation: validation)
        guard let best = best(results) else {
            throw DataError(file: statisticsPath, "no threshold gives a score that can be evaluated: "
                            + Set(results.compactMap(\.note)).sorted().joined(separator: "; "))
        }
        logger.info("""
            chosen threshold p ≤ \(grid[best]) (\(counts[best]) variants): the largest Nagelkerke R² of score + \
            covariates over covariates alone, as PRSice-2 chooses
            """)

        let chosen = index.indices.filter { index[$0].entry.p <= grid[best] }
        let variants = chosen.map { k in
            let m = index[k], bim = fileset.variants[m.variant]
            return PolygenicScoreModel.Variant(
                id: bim.id, chromosome: bim.chromosome, position: bim.position, effectAllele: m.entry.effectAllele,
                otherAllele: m.effectIsA1 ? bim.allele2 : bim.allele1, weight: m.entry.beta,
                effectAlleleFrequency: scores.frequencies[k])
        }
        let referenceScores = scores.scores.column(best)
        let summary = ClumpingThresholdingSummary(
            clumpR2: clumping.r2Threshold, clumpKb: clumping.windowKilobases, clumpP: clumping.indexPThreshold,
            ldReference: ld.name ?? "target",
            clumps: clumps.count, thresholds: results, chosenThreshold: grid[best],
            validationSamples: validation.outcome.count,
            validationCases: validation.outcome.reduce(0) { $0 + Int($1) }, covariates: validation.covariateNames)
        let variantCounts = [
            "results": statistics.entries.count, "without_result": statistics.withoutResult,
            "other_tests": statistics.otherTests, "matched": match.matched.count, "absent": match.absent,
            "allele_mismatch": match.alleleMismatch, "duplicate": match.duplicate,
            "absent_from_ld_reference": missingFromReference, "index_variants": index.count, "chosen": chosen.count,
        ]
        let provenance = try PolygenicScoreProvenance(
            inputFiles: inputFiles, referenceSamples: referenceScores.count, variantCounts: variantCounts,
            options: options)
        let model = PolygenicScoreModel(
            description: description, method: "ct", variants: variants,
            reference: ScoreDistribution(scores: referenceScores), clumpingThresholding: summary, provenance: provenance)
        return Build(model: model, referenceScores: referenceScores, results: results, chosen: best)
    }
}
