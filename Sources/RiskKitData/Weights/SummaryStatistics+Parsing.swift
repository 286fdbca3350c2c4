import Foundation

extension SummaryStatistics {
    /// Header names recognised for each role, in order of preference (a leading `#` is ignored).
    static let idNames = ["ID", "SNP", "rsID", "rsid", "MarkerName", "variant_id", "SNPID"]
    static let alleleNames = ["A1", "effect_allele", "EA", "Allele1"]
    static let betaNames = ["BETA", "beta", "Beta", "b", "Effect", "effect_weight"]
    static let oddsRatioNames = ["OR", "or"]
    static let pNames = ["P", "p", "PVAL", "pval", "p_value", "P_value", "P-value", "Pvalue"]

    /// Reads whitespace-separated association results, gzip-compressed or not: `riskkit gwas` output, plink2's
    /// `.glm.logistic(.hybrid)`, plink 1.9's `.assoc.logistic`, or any file with a header naming an id column
    /// (`ID`, `SNP`, `rsID`, …), the effect allele (`A1`, `effect_allele`, …), the effect (`BETA`, or `OR`, whose
    /// logarithm is taken) and the p-value (`P`, `PVAL`, …).
    ///
    /// With a `TEST` column only `ADD` lines are used (the others are counted). An estimate or p-value written
    /// `NA`, `nan` or `.` makes the line count as without result.
    /// - Throws: ``InputFileError``; ``DataError`` naming file, line and column for a missing column, a field
    ///   count that differs from the header, an unreadable number, a p-value outside [0, 1] or an odds ratio ≤ 0.
    public static func read(path: String) throws -> SummaryStatistics {
        try parse(GzipFile.read(path: path), file: path)
    }

    /// Parses association results (see ``read(path:)``).
    public static func parse(_ text: String, file: String) throws -> SummaryStatistics {
        try parse(Array(text.utf8), file: file)
    }

    static func parse(_ bytes: [UInt8], file: String) throws -> SummaryStatistics {
        var lines = numberedLines(bytes)
        guard let header = lines.first else { throw DataError(file: file, "the association file is empty") }
        lines.removeFirst()
        var names = header.fields
        if let first = names.first, first.hasPrefix("#") { names[0] = String(first.dropFirst()) }
        func column(_ candidates: [String], role: String) throws -> Int {
            for name in candidates { if let k = names.firstIndex(of: name) { return k } }
            throw DataError(file: file, line: header.number,
                            "no \(role) column in the header (looked for \(candidates.joined(separator: ", ")))")
        }
        let id = try column(idNames, role: "variant id")
        let allele = try column(alleleNames, role: "effect allele")
        let p = try column(pNames, role: "p-value")
        let beta = betaNames.lazy.compactMap { names.firstIndex(of: $0) }.first
        let oddsRatio = oddsRatioNames.lazy.compactMap { names.firstIndex(of: $0) }.first
        guard let effect = beta ?? oddsRatio else {
            throw DataError(file: file, line: header.number,
                            "no effect column in the header (looked for \((betaNames + oddsRatioNames).joined(separator: ", ")))")
        }
        let isOddsRatio = beta == nil
        let test = names.firstIndex(of: "TEST")
        var entries: [Entry] = []
        entries.reserveCapacity(lines.count)
        var withoutResult = 0, otherTests = 0
        for line in lines {
            let f = line.fields
            guard f.count == names.count else {
                throw DataError(file: file, line: line.number, "expected \(names.count) fields as in the header, found \(f.count)")
            }
            if let test, f[test] != "ADD" {
                otherTests += 1
                continue
            }
            if isMissing(f[effect]) || isMissing(f[p]) {
                withoutResult += 1
                continue
            }
            guard var b = Double(f[effect]), b.isFinite else {
                throw DataError(file: file, line: line.number, column: names[effect], "the effect is not a number")
            }
            if isOddsRatio {
                guard b > 0 else {
                    throw DataError(file: file, line: line.number, column: names[effect], "an odds ratio must be positive")
                }
                b = log(b)
            }
            guard let pValue = Double(f[p]), pValue >= 0, pValue <= 1 else {
                throw DataError(file: file, line: line.number, column: names[p], "the p-value is not a number between 0 and 1")
            }
            entries.append(Entry(id: f[id], effectAllele: f[allele], beta: b, p: pValue, line: line.number))
        }
        guard !entries.isEmpty else {
            throw DataError(file: file, "the association file has no usable result (\(withoutResult) without an estimate, \(otherTests) of other tests)")
        }
        return SummaryStatistics(file: file, columns: [names[id], names[allele], names[effect], names[p]],
                                 entries: entries, withoutResult: withoutResult, otherTests: otherTests)
    }

    private static func isMissing(_ field: String) -> Bool {
        field == "NA" || field == "." || field.lowercased() == "nan"
    }
}
