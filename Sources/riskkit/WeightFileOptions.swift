import ArgumentParser
import RiskKit

extension WeightType: ExpressibleByArgument {
    public init?(argument: String) { self.init(declared: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension GenomeBuild: ExpressibleByArgument {
    public init?(argument: String) {
        guard let build = GenomeBuild(declared: argument), build != .ncbi36 else { return nil }
        self = build
    }
    public static var allValueStrings: [String] { [GenomeBuild.grch37.rawValue, GenomeBuild.grch38.rawValue] }
}

/// How a score's weight file is read and matched by position: its weight type and the genotypes' genome build
/// (shared by `prs score --weights` and `train --prs-weights`).
struct WeightFileOptions: ParsableArguments {
    @Option(name: .customLong("weight-type"), help: "What the weights are when the file does not say (#weight_type=NR) or says wrongly: beta, log(OR), log(HR) (summed as they are), OR or HR (ln taken first). Default: the PGS Catalog header; beta for PLINK-style files.")
    var weightType: WeightType?
    @Option(help: "The genotypes' genome build, GRCh37 or GRCh38 (default: inferred from variants found by rsID). PGS Catalog positions in another build are not matched.")
    var build: GenomeBuild?

    /// Reads `path` and converts its weights to the log scale, logging the type used.
    func read(path: String, columns: (id: String, allele: String, weight: String) = ("1", "2", "3")) throws -> ScoreWeights {
        var weights = try ScoreWeights.read(path: path, columns: columns)
        let type = try weights.convertToLogScale(given: weightType)
        log.info("\(describe(type, of: weights))")
        return weights
    }

    /// The log line for the weight type ``read(path:columns:)`` used: which, from where, and whether the weights
    /// were converted.
    func describe(_ type: WeightType, of weights: ScoreWeights) -> String {
        let declared = weights.declaredWeightType
        let origin = weightType != nil ? "given" + (declared.map { "; the header says `\($0)`" } ?? "")
            : weights.source == .plink ? "PLINK-style file" : "as the header says"
        return "weight type \(type.rawValue) (\(origin))"
            + (type.isRatio ? ": weights converted to ln(\(type.rawValue)) before summing" : ": weights summed as they are")
    }

    /// Chooses the position columns for matching `weights` to `variants`, logging the builds and warning when
    /// positions of an unchecked build are used.
    func positionPlan(_ weights: ScoreWeights, variants: [VariantAlleles]) throws -> PositionPlan {
        let plan = try weights.positionPlan(for: variants, given: build)
        if weights.source == .pgsCatalog { log.info("\(plan.summary)") }
        if let warning = plan.warning { log.warning("\(warning); give the genotypes' build with --build GRCh37|GRCh38 to check") }
        return plan
    }
}
