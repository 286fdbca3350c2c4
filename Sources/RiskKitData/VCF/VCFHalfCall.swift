/// What to do with a diploid GT call with one allele missing (`./1`, `0|.`), as plink2's `--vcf-half-call`.
package enum VCFHalfCall: String, Sendable, CaseIterable {
    /// Refuse the file (plink2's default): the caller must choose.
    case error
    /// The whole call is missing.
    case missing
    /// The known allele is read as a haploid, i.e. homozygous, call.
    case haploid
    /// The missing allele is read as the reference allele.
    case reference
}
