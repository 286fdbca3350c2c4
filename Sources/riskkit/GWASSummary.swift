import RiskKit

/// What a `gwas` run found over all its variants: how many were tested and how, and the genomic inflation factor.
/// Logged on standard error and written as the last line of `--format json`.
struct GWASSummary {
    /// Variants with a result line (tested or NA).
    var variants: Int
    /// Results from Firth's penalized regression.
    var firth: Int
    /// NA results by error code, in ``AssociationErrorCode`` order (codes that did not occur left out).
    var notAvailable: [(code: AssociationErrorCode, count: Int)]
    /// Tests with a finite Wald statistic, the ones λ_GC is taken over.
    var tests: Int
    /// The median χ² (Z_STAT²) of those tests; nil when there is none.
    var medianChiSquared: Double?
    /// λ_GC = median χ² / median of χ²₁ (``GenomicControl``); nil when there is no test.
    var lambda: Double? { medianChiSquared.map { $0 / GenomicControl.chiSquaredMedian } }

    init(_ results: [VariantAssociation]) {
        variants = results.count
        firth = results.filter { $0.firth && $0.error == nil }.count
        notAvailable = AssociationErrorCode.allCases.compactMap { code in
            let count = results.filter { $0.error == code }.count
            return count > 0 ? (code, count) : nil
        }
        let z = results.compactMap(\.zStatistic).filter(\.isFinite)
        tests = z.count
        medianChiSquared = GenomicControl.medianChiSquared(zStatistics: z)
    }

    /// The log lines: counts, then λ_GC when there were tests.
    var logLines: [String] {
        var parts = ["\(variants) variants tested", "\(firth) by Firth regression"]
        for (code, count) in notAvailable { parts.append("\(count) NA (\(code.rawValue))") }
        var lines = [parts.joined(separator: ", ")]
        if let lambda {
            lines.append("genomic inflation λ_GC = \(String(format: "%.4f", lambda)) (median χ² of \(tests) tests / 0.4549)")
        }
        return lines
    }

    /// The JSON trailer line: `{"summary": {"variants", "firth", "na": {CODE: count}, "tests", "median_chisq",
    /// "lambda_gc"}}`, full precision, null where there was no test.
    var jsonLine: String {
        let na = notAvailable.map { "\(jsonString($0.code.rawValue)): \($0.count)" }.joined(separator: ", ")
        let fields = [
            "\"variants\": \(variants)", "\"firth\": \(firth)", "\"na\": {\(na)}", "\"tests\": \(tests)",
            "\"median_chisq\": \(jsonNumber(medianChiSquared))", "\"lambda_gc\": \(jsonNumber(lambda))",
        ]
        return "{\"summary\": {" + fields.joined(separator: ", ") + "}}\n"
    }
}
