import Foundation
import RiskKitData

extension PolygenicScoreProvenance {
    /// The record of a build made now by this RiskKit version: each input file (role → path) with the SHA-256 of
    /// its bytes, the reference sample count, variant counts by reason and the settings as given.
    /// - Throws: ``InputFileError`` when an input cannot be read.
    public init(inputFiles: [String: String], referenceSamples: Int, variantCounts: [String: Int],
                options: [String: String]) throws {
        self.init(
            inputs: try inputFiles.mapValues { Input(path: $0, sha256: try FileDigest.sha256(path: $0)) },
            referenceSamples: referenceSamples, variantCounts: variantCounts,
            date: ISO8601DateFormatter().string(from: Date()), riskkitVersion: RiskKitVersion.current, options: options)
    }
}
