/// The header of a VCF file: the `##` meta lines and the `#CHROM` line with the sample names.
package struct VCFHeader: Sendable, Equatable {
    /// The `##fileformat=` value (`VCFv4.2`, …).
    package var fileFormat: String
    /// Contig IDs from `##contig=<ID=…>` lines, in file order.
    package var contigs: [String]
    /// Sample names from the `#CHROM` line, in file order (unique).
    package var samples: [String]

    /// The eight fixed column names every record starts with, then `FORMAT` when there are samples.
    static let fixedColumns = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]

    /// Parses header lines (without line ends) in order: the first must be `##fileformat=VCF…`, the last the
    /// `#CHROM` line. `file` names the file in errors.
    /// - Throws: ``DataError`` naming the file and line for a missing `##fileformat`, a wrong `#CHROM` line, no
    ///   samples, a sample name with whitespace, or a duplicate sample name.
    package init(lines: [String], file: String) throws {
        guard let first = lines.first, first.hasPrefix("##fileformat=VCF") else {
            throw DataError(file: file, line: 1, "not a VCF file: the first line must be `##fileformat=VCFv4.x`")
        }
        fileFormat = String(first.dropFirst("##fileformat=".count))
        contigs = lines.dropFirst().compactMap { line in
            guard line.hasPrefix("##contig=<") else { return nil }
            let fields = line.dropFirst("##contig=<".count).dropLast().split(separator: ",")
            return fields.first { $0.hasPrefix("ID=") }.map { String($0.dropFirst(3)) }
        }
        let lineNumber = lines.count
        guard let last = lines.last, last.hasPrefix("#CHROM") else {
            throw DataError(file: file, line: lineNumber, "the header does not end with a `#CHROM` line")
        }
        let columns = last.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns.count >= 8, Array(columns.prefix(8)) == Self.fixedColumns else {
            throw DataError(file: file, line: lineNumber, "the `#CHROM` line must start with the tab-separated columns \(Self.fixedColumns.joined(separator: " "))")
        }
        guard columns.count >= 10, columns[8] == "FORMAT" else {
            throw DataError(file: file, line: lineNumber, "the VCF has no samples (a FORMAT column and sample columns are needed for genotypes)")
        }
        samples = Array(columns.dropFirst(9))
        var seen: [String: Int] = [:]
        for (k, name) in samples.enumerated() {
            if name.isEmpty || name.contains(where: \.isWhitespace) {
                throw DataError(file: file, line: lineNumber, column: "sample \(k + 1)", "the sample name is empty or contains whitespace, which a .fam cannot hold")
            }
            if let earlier = seen[name] {
                throw DataError(file: file, line: lineNumber, column: "sample \(k + 1)", "duplicate sample name: sample \(k + 1) has the name of sample \(earlier + 1)")
            }
            seen[name] = k
        }
    }
}
