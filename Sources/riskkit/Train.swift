import ArgumentParser
import Foundation
import RiskKit

struct Train: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit a logistic risk model from a CSV file and save it.",
        discussion: """
            Unpenalized fits report standard errors, z, p-values, 95% CIs and odds ratios on the original scale. \
            Penalized fits (l2, l1, elasticnet) use --lambda X, or --cv K to choose λ by K-fold cross-validation. \
            --folds K adds an honest K-fold cross-validated evaluation of the whole procedure. \
            Rows with a missing outcome are skipped and counted. With --bfile PREFIX --prs-weights FILE the \
            polygenic score of each sample (IID) is joined to the rows by --id and fitted as one more feature, \
            `prs`, with the lifestyle and clinical columns; rows without genotypes are skipped and counted. FILE \
            is a RiskKit PRS model (.prs.json, from prs build) or a PLINK-style / PGS Catalog weight file (its \
            frequencies and reference distribution are then taken from PREFIX). The model file embeds the score \
            and the same model refitted without it, so score and evaluate can separate the genetic part. When \
            the .prs.json has ancestry PCs (prs build --ancestry-pcs), the score enters the model adjusted for \
            ancestry (--prs-scale z2, pgsc_calc's Z_norm2, by default; z1 or raw on request) and the model embeds \
            the ancestry reference, so score computes it for each patient and flags those outside the reference. \
            The model records each numeric feature's observed training range and which features are required (a \
            patient missing one is not assessable): by default every feature with no missing training value, and \
            age and sex; --required and --optional change that. --applicable sets the intended population (default: \
            the observed range), also on levels (sex=F) and on columns that are no feature (--exclude sex \
            --applicable sex=F: read for the population, not fitted): a patient outside it is not assessable, and \
            one missing such a field is too unless --optional names it; the training rows outside it are counted \
            on standard error, and a level that no training row holds is refused. --outcome-label and --horizon-years declare what the model predicts, so a policy \
            written for another outcome or horizon is refused.
            """)

    @Option(help: "Training CSV file.") var data: String
    @Option(help: "Outcome column (0/1 or a two-level label).") var outcome: String
    @Option(help: "Identifier column (not a feature; values must be unique).") var id: String?
    @Option(help: "Columns to leave out (comma-separated).", transform: commaList) var exclude: [String] = []
    @Option(help: "Columns to treat as categorical (comma-separated).", transform: commaList) var categorical: [String] = []
    @Option(help: "Sample-weight column.") var weights: String?
    @Option(help: "The outcome value that marks an event, for text labels.") var positive: String?
    @Option(help: "Penalty: none, l2, l1 or elasticnet.") var penalty: TrainingOptions.PenaltyKind = .none
    @Option(help: "Penalty weight λ (penalized fits).") var lambda: Double?
    @Option(help: "Choose λ by K-fold cross-validation (penalized fits).") var cv: Int?
    @Option(help: "Elastic-net mixing α in [0, 1] (1 = lasso).") var alpha: Double = 0.5
    @Option(help: "Which cross-validated λ to keep: min or 1se.") var lambdaChoice: TrainingOptions.LambdaChoice = .min
    @Option(help: "Measure for choosing λ: deviance or auc.") var cvMeasure: TrainingOptions.CVMeasure = .deviance
    @Option(help: "Cross-validated evaluation with K stratified folds.") var folds: Int?
    @Option(help: "Seed for fold assignment.") var seed: UInt64 = 1
    @Option(help: "Population prevalence, to re-anchor the intercept of case-control data.") var prevalence: Double?
    @Flag(help: "Add missingness indicators for features with missing values.") var missingIndicators = false
    @Option(help: "Description saved in the model (e.g. data source, intended use).") var description: String?
    @Option(name: .customLong("outcome-label"), help: "What the event is (\"first ASCVD event\"), for matching policies.")
    var outcomeLabel: String?
    @Option(name: .customLong("horizon-years"), help: "Prediction horizon in years (10 for a 10-year risk), for matching policies.")
    var horizonYears: Double?
    @Option(help: "Features a patient cannot be assessed without, beyond the default (comma-separated).", transform: commaList)
    var required: [String] = []
    @Option(name: .customLong("optional"), help: "Features to impute when missing although the default requires them, and --applicable columns that are no feature whose missing value counts as inside the population (comma-separated).", transform: commaList)
    var optionalFeatures: [String] = []
    @Option(help: ArgumentHelp("Intended population: a numeric column's range, NAME=LO..HI (either bound may be left open: bmi=..60), or a column's allowed values, NAME=LEVEL[,LEVEL…] (sex=F, region=north,south); the column may be a feature or one left out with --exclude; repeatable.", valueName: "name=lo..hi|levels"))
    var applicable: [String] = []
    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset of the training individuals (IID = --id values).")
    var bfile: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @Option(name: .customLong("prs-weights"), help: "Polygenic score: a .prs.json from prs build, or a PLINK-style or PGS Catalog weight file.")
    var prsWeights: String?
    @Option(name: .customLong("prs-scale"), help: "The score's scale in the model: raw, z1 or z2 (adjusted for ancestry, pgsc_calc's Z_norm1/Z_norm2; need a .prs.json built with --ancestry-pcs). Default: z2 when the PRS model has ancestry PCs, raw otherwise.")
    var prsScale: PolygenicScoreScale?
    @Option(name: .customLong("min-overlap"), help: "With a weight file: fail when fewer than this fraction of its weights match.")
    var minOverlap = 0.75
    @OptionGroup(title: "Weight file (--prs-weights other than .prs.json)") var weightFile: WeightFileOptions
    @Option(help: "Where to write the model file.") var out: String
    @Option(help: "Summary format on standard output.") var format: ReportFormat = .table
    @OptionGroup var threading: ThreadOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        if penalty == .none && (lambda != nil || cv != nil) {
            throw ValidationError("--lambda and --cv need --penalty l2, l1 or elasticnet")
        }
        if penalty != .none && lambda == nil && cv == nil { throw ValidationError("--penalty \(penalty.rawValue) needs --lambda X or --cv K") }
        if lambda != nil && cv != nil { throw ValidationError("give --lambda or --cv, not both") }
        if let lambda, !(lambda >= 0) { throw ValidationError("--lambda must be non-negative") }
        if let cv, cv < 2 { throw ValidationError("--cv needs at least 2 folds") }
        if let folds, folds < 2 { throw ValidationError("--folds needs at least 2 folds") }
        if !(0...1).contains(alpha) { throw ValidationError("--alpha must lie in [0, 1]") }
        if let prevalence, !(prevalence > 0 && prevalence < 1) { throw ValidationError("--prevalence must lie strictly between 0 and 1") }
        try vcf.validate(bfile: bfile, required: false)
        let genotypes = vcf.source(bfile: bfile)
        if (genotypes == nil) != (prsWeights == nil) { throw ValidationError("\(genotypes?.flag ?? "--bfile") and --prs-weights go together") }
        if let genotypes, id == nil { throw ValidationError("\(genotypes.flag) needs --id: the column holding the \(genotypes.flag == "--vcf" ? "VCF sample names" : ".fam IIDs")") }
        if prsScale != nil && prsWeights == nil { throw ValidationError("--prs-scale needs --prs-weights (and --bfile or --vcf)") }
        if let horizonYears, !(horizonYears > 0 && horizonYears.isFinite) { throw ValidationError("--horizon-years must be a positive number") }
        if let outcomeLabel, outcomeLabel.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--outcome-label must not be empty") }
        if let both = required.first(where: optionalFeatures.contains) {
            throw ValidationError("`\(both)` is given to both --required and --optional")
        }
        _ = try applicableValues()
    }

    /// The `--applicable` values by column name: ranges (`NAME=LO..HI`) and levels (`NAME=LEVEL,LEVEL`).
    func applicableValues() throws -> (ranges: [String: ValueRange], levels: [String: [String]]) {
        var ranges: [String: ValueRange] = [:], levels: [String: [String]] = [:]
        for item in applicable {
            let parts = item.split(separator: "=", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let value = parts.count == 2 ? parts[1] : ""
            let named = ranges[name] != nil || levels[name] != nil
            if value.contains("..") {
                guard !name.isEmpty, let range = ValueRange(parsing: value) else {
                    throw ValidationError("--applicable expects FEATURE=LO..HI, FEATURE=LO.. or FEATURE=..HI with LO ≤ HI, got `\(item)`")
                }
                ranges[name] = range
            } else {
                let list = commaList(String(value))
                guard !name.isEmpty, !list.isEmpty, Set(list).count == list.count else {
                    throw ValidationError("--applicable expects NAME=LEVEL[,LEVEL…] (each level once) or FEATURE=LO..HI, got `\(item)`")
                }
                levels[name] = list
            }
            if named { throw ValidationError("--applicable names `\(name)` twice") }
        }
        return (ranges, levels)
    }

    func run() throws {
        try runReportingErrors {
            BLASThreads.set(threading.threads)
            var options = TrainingOptions(outcome: outcome)
            options.id = id
            options.exclude = Set(exclude)
            options.categorical = Set(categorical)
            options.weights = weights
            options.positiveLabel = positive
            options.penalty = penalty
            options.lambda = lambda
            options.cvFolds = cv
            options.alpha = alpha
            options.lambdaChoice = lambdaChoice
            options.cvMeasure = cvMeasure
            options.evaluationFolds = folds
            options.seed = seed
            options.prevalence = prevalence
            options.missingIndicators = missingIndicators
            options.description = description
            options.outcomeLabel = outcomeLabel
            options.horizonYears = horizonYears
            options.required = Set(required)
            options.optional = Set(optionalFeatures)
            (options.applicable, options.applicableLevels) = try applicableValues()
            if let genotypes = vcf.source(bfile: bfile), let prsWeights {
                options.genetic = try GeneticScores.forTraining(genotypes: genotypes, weights: prsWeights, scale: prsScale,
                                                                 minOverlap: minOverlap, weightFile: weightFile)
            }
            let start = Date()
            let progress = Progress(label: "train:", unit: "")
            let report = try ModelTrainer.train(dataPath: data, options: options, progress: progress.stage)
            progress.clear()
            for note in report.notes { log.info("\(note)") }
            try report.model.write(to: out)
            log.info("trained on \(report.model.fit.n) rows (\(report.model.fit.events) events) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s → \(out)")
            switch format {
            case .json: emit(try InspectReport(model: report.model).json())
            case .table:
                emit(InspectReport(model: report.model).table())
                if let cv = report.model.crossValidation {
                    emit("\nCross-validated evaluation (\(folds ?? 0) folds, seed \(seed)):\n" + EvaluationText.table(cv))
                }
            }
        }
    }
}

/// Splits a comma-separated option value.
func commaList(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

extension TrainingOptions.PenaltyKind: ExpressibleByArgument {}
extension TrainingOptions.LambdaChoice: ExpressibleByArgument {}
extension TrainingOptions.CVMeasure: ExpressibleByArgument {}
extension PolygenicScoreScale: ExpressibleByArgument {}
