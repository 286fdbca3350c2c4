/// What a VCF → PLINK 1 conversion read, kept and skipped (counts only).
package struct VCFConversionReport: Sendable, Equatable {
    /// Samples written to the `.fam`.
    package var samples = 0
    /// Biallelic records written to the `.bim`/`.bed`.
    package var variants = 0
    /// Multi-allelic records skipped.
    package var multiallelicSkipped = 0
    /// Half calls (`./1`) read under the half-call rule.
    package var halfCalls = 0
    /// Calls with more than two alleles, read as missing.
    package var polyploidCalls = 0

    /// The report's lines for the log: what was converted, then each kind of skipped or altered data that occurred.
    package func lines(file: String, halfCall: VCFHalfCall) -> [String] {
        var lines = ["\(file): \(samples) samples, \(variants) biallelic variants read (GT hard calls, ALT counted, as plink2 --vcf)"]
        if multiallelicSkipped > 0 { lines.append("\(multiallelicSkipped) multi-allelic variants skipped (as plink2 --max-alleles 2)") }
        if halfCalls > 0 { lines.append("\(halfCalls) half calls read as --vcf-half-call \(halfCall.rawValue)") }
        if polyploidCalls > 0 { lines.append("\(polyploidCalls) calls with more than two alleles read as missing") }
        return lines
    }
}
