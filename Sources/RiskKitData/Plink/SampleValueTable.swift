
/// A PLINK 2 phenotype or covariate file (`--pheno`, `--covar`): whitespace-separated values keyed by sample.
///
/// A first line starting `#FID` (or `FID`) names the columns `FID IID …`; one starting `#IID` (or `IID`) names
/// `IID …`. Without a header the columns are `FID IID` and then values named `<prefix>1`, `<prefix>2`, …
/// (plink2's `PHENO1…`, `COVAR1…`). Every data line must have as many fields as the header. Values stay text;
/// the caller decides what counts as missing or numeric.
public struct SampleValueTable: Sendable {
    /// The path as given.
    public let path: String
    /// Value column names, in file order (the ID columns excluded).
    public let columns: [String]
    /// Whether the file has an FID column (otherwise samples are matched by IID alone).
    public let hasFamilyID: Bool
    private let rows: [Key: Row]

    private struct Key: Hashable, Sendable {
        var familyID: String
        var individualID: String
    }

    private struct Row: Sendable {
        var line: Int
        var values: [String]
    }

    /// Reads `path`; unnamed value columns are called `defaultPrefix` + 1-based index.
    /// - Throws: ``InputFileError`` if it cannot be read; ``DataError`` (file, line) for a line with the wrong
    ///   number of fields, a duplicate sample or a header without value columns.
    public init(path: String, defaultPrefix: String) throws {
        let file = try PlinkTextFile(path: path)
        self.path = path
        var lines = file.lines[...]
        var idColumns = 2
        var names: [String]?
        if let first = lines.first, let head = first.tokens.first {
            switch head {
            case "#FID", "FID": idColumns = 2; names = Array(first.tokens.dropFirst(2)); lines = lines.dropFirst()
            case "#IID", "IID": idColumns = 1; names = Array(first.tokens.dropFirst(1)); lines = lines.dropFirst()
            default: break
            }
            if let names, idColumns == 2, first.tokens.count < 2 || first.tokens[1] != "IID" {
                throw DataError(file: path, line: first.number, "the header must start `#FID IID` (found `\(names.first ?? "")` second)")
            }
        }
        let width = names.map { $0.count + idColumns } ?? (lines.first?.tokens.count ?? idColumns)
        guard width > idColumns else {
            throw DataError(file: path, line: file.lines.first?.number, "no value columns after the sample ID columns")
        }
        columns = names ?? (1...(width - idColumns)).map { "\(defaultPrefix)\($0)" }
        if let duplicate = Dictionary(grouping: columns, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw DataError(file: path, line: file.lines.first?.number, column: duplicate, "column name appears twice")
        }
        hasFamilyID = idColumns == 2
        var rows: [Key: Row] = [:]
        for line in lines {
            guard line.tokens.count == width else {
                throw DataError(file: path, line: line.number, "\(line.tokens.count) fields, expected \(width)")
            }
            let key = Key(familyID: idColumns == 2 ? line.tokens[0] : "", individualID: line.tokens[idColumns - 1])
            if let earlier = rows[key] {
                throw DataError(file: path, line: line.number, "sample listed twice (first on line \(earlier.line))")
            }
            rows[key] = Row(line: line.number, values: Array(line.tokens.dropFirst(idColumns)))
        }
        self.rows = rows
    }

    /// The number of samples in the file.
    public var sampleCount: Int { rows.count }

    /// The index of column `name`.
    /// - Throws: ``DataError`` naming the file and the columns it has when there is no such column.
    public func columnIndex(_ name: String) throws -> Int {
        guard let k = columns.firstIndex(of: name) else {
            throw DataError(file: path, column: name, "no such column; the file has \(columns.joined(separator: ", "))")
        }
        return k
    }

    /// The value of column `column` for `sample` with its line number, or `nil` when the file does not list the
    /// sample (by FID and IID, or by IID alone when the file has no FID column).
    public func value(for sample: PlinkSample, column: Int) -> (text: String, line: Int)? {
        let key = Key(familyID: hasFamilyID ? sample.familyID : "", individualID: sample.individualID)
        return rows[key].map { ($0.values[column], $0.line) }
    }
}
