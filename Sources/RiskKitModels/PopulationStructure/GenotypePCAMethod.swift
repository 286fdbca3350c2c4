/// How ``GenotypePCA`` finds the leading eigenpairs of the genomic relationship matrix.
public enum GenotypePCAMethod: Sendable, Equatable {
    /// plink2 `--pca`: the full N × N relationship matrix with plink2's missingness correction, then LAPACK's
    /// `dsyevr`; O(N²·M) time and O(N²) memory, for N up to a few thousand.
    case exact
    /// plink2 `--pca approx`'s role: ``RandomizedSVD`` of the mean-imputed standardized genotypes (no N × N matrix);
    /// O(N·M·L) per pass with L = K + oversampling, for large N.
    case approximate(RandomizedSVDOptions)

    /// The largest N for which ``automatic(sampleCount:)`` picks ``exact`` (the N × N matrix then takes 200 MB).
    public static let exactSampleLimit = 5000

    /// ``exact`` up to ``exactSampleLimit`` samples, above it ``approximate(_:)`` with the default options — the
    /// same cut plink2 uses when it warns that `approx` "is only recommended for analysis of >5000 samples".
    public static func automatic(sampleCount: Int) -> GenotypePCAMethod {
        sampleCount <= exactSampleLimit ? .exact : .approximate(RandomizedSVDOptions())
    }
}
