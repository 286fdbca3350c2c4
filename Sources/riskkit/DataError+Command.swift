import ArgumentParser
import RiskKit

extension DataError {
    /// The message for the command line: the library's words plus the flag a user should change for this code.
    var commandLineDescription: String {
        var error = self
        if let hint = commandLineHint { error.message += hint }
        return error.description
    }

    /// The exit status: 64 for a setting that does not fit, 65 for bad data.
    var exitCode: ExitCode { code.primary == .invalidSetting ? .usageError : .dataError }

    /// What to add to the library's message for this code: the flag that fixes or caused the problem.
    private var commandLineHint: String? {
        switch code {
        case .constantFeature: "; remove it with --exclude"
        case .constantCovariate: "; leave it out with --covar-name"
        case .nonNumericCell: ", or pass --categorical \(column ?? "COLUMN") if the column is categorical"
        case .eventLabelUnknown: "; pass --positive LABEL"
        case .weightOverlapTooSmall: ", or lower --min-overlap"
        case .weightTypeUnknown: "; say what they are with --weight-type beta|log(OR)|log(HR)|OR|HR"
        case .genomeBuildMismatch: "; if the genotypes are in another build than that, say so with --build"
        case .positiveLabelNotFound: "; check --positive"
        case .identifierColumnNotFound: "; check --id"
        case .mixingOutOfRange: "; check --alpha"
        case .penaltyWeightMissing: "; pass --lambda X or --cv K"
        case .sampleMissingRateOutOfRange: "; check --mind"
        case .variantMissingRateOutOfRange: "; check --geno"
        case .hardyWeinbergPOutOfRange: "; check --hwe"
        case .minorAlleleFrequencyOutOfRange: "; check --maf"
        case .clumpR2OutOfRange: "; check --clump-r2"
        case .clumpWindowOutOfRange: "; check --clump-kb"
        case .clumpIndexPOutOfRange, .clumpMemberPOutOfRange: "; check --clump-p"
        case .policyModelMismatch: "; use the policy written for this model, or pass --force-policy to apply it anyway"
        case .featureNotFound: "; check --required, --optional and --applicable"
        case .applicableRangeNotNumeric, .populationLevelNotFound: "; check --applicable"
        default: nil
        }
    }
}
