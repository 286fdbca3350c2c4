import Foundation
import RiskKitData
import RiskKitLinearAlgebra

/// The samples, case/control outcome and covariates of a per-variant association analysis, assembled as
/// `plink2 --glm` does: a sample enters when it is selected, its phenotype is a case or a control, and every chosen
/// covariate has a value.
public struct CaseControlDesign: Sendable {
    /// Where the phenotype comes from.
    public enum Phenotype: Sendable {
        /// Column 6 of the `.fam` (1 control, 2 case; 0, -9 and anything else missing).
        case fam
        /// Column `column` of a PLINK 2 phenotype file.
        case file(SampleValueTable, column: String)
    }

    /// The samples in the regression, in `.fam` order.
    public let samples: SampleSubset
    /// 1 for a case, 0 for a control, one per sample of ``samples``.
    public let outcome: [Double]
    /// `samples.count × covariateNames.count` covariate values as given (column-major).
    public let covariates: Matrix
    /// Covariate names, in the order of ``covariates``' columns.
    public let covariateNames: [String]
    /// The phenotype's name (`PHENO1` for the `.fam` column, as plink2 calls it).
    public let phenotypeName: String
    /// Selected samples left out because their phenotype is missing.
    public let missingPhenotype: Int
    /// Selected samples with a phenotype left out because a covariate is missing (or the covariate file does not
    /// list them).
    public let missingCovariates: Int

    /// The number of cases.
    public var cases: Int { outcome.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }
    /// The number of controls.
    public var controls: Int { outcome.count - cases }

    /// Assembles the design from the selected samples of `fileset`.
    ///
    /// Phenotype codes follow plink2 in a PLINK 2 layout file and the `.fam`: 1 control, 2 case, and 0, -9, `NA`
    /// or `nan` missing; with `zeroOneCoding` (plink2's `--1`), 0 control and 1 case. A CSV phenotype column is read
    /// as `train` reads an outcome (``OutcomeColumn``: 0/1, or two labels of which one means the event).
    /// Covariates: `covariateNames` nil means every column of `covariateFile`. A column whose values (over the
    /// samples in the analysis) are all numbers is used as it is; one with no number is categorical and enters as
    /// indicator columns `name=level` for every level but the first in sort order, through the encoder `train` uses
    /// (``FeatureSchema``), so `sex` with `F`/`M` becomes `sex=M`. A sample enters when its phenotype and every
    /// chosen covariate are present.
    /// - Throws: ``DataError`` naming the file, line and column for a phenotype value that is not a case/control
    ///   code, a covariate column mixing numbers and text, a constant covariate, an unknown column, or when no case
    ///   or no control is left.
    public init(
        fileset: PlinkFileset, selected: SampleSubset, phenotype: Phenotype, zeroOneCoding: Bool = false,
        covariateFile: SampleValueTable? = nil, covariateNames: [String]? = nil
    ) throws {
        var names: [String] = []
        var covariateColumns: [Int] = []
        if let covariateFile {
            names = covariateNames ?? covariateFile.columns
            covariateColumns = try names.map { try covariateFile.columnIndex($0) }
        } else if let covariateNames, !covariateNames.isEmpty {
            throw DataError(column: covariateNames[0], "covariates were named but no covariate file was given")
        }
        let code: (Int) throws -> Double?
        switch phenotype {
        case .fam:
            phenotypeName = "PHENO1"
            code = { i in
                try CaseControlDesign.caseControl(
                    fileset.samples[i].phenotype, zeroOne: zeroOneCoding, file: fileset.prefix + ".fam", line: i + 1,
                    column: "phenotype")
            }
        case .file(let table, let column):
            let index = try table.columnIndex(column)
            phenotypeName = column
            if table.layout == .csv {
                let cells = table.values(column: index)
                let outcome = try OutcomeColumn(name: column, texts: cells.map(\.text), lineNumbers: cells.map(\.line),
                                                file: table.path, positive: nil)
                let byLine = Dictionary(uniqueKeysWithValues: zip(cells.map(\.line), outcome.values))
                code = { i in table.value(for: fileset.samples[i], column: index).flatMap { byLine[$0.line] ?? nil } }
            } else {
                code = { i in
                    guard let cell = table.value(for: fileset.samples[i], column: index), let text = cell.text else { return nil }
                    return try CaseControlDesign.caseControl(text, zeroOne: zeroOneCoding, file: table.path, line: cell.line,
                                                             column: column)
                }
            }
        }
        var kept: [Int] = []
        var y: [Double] = []
        var cells: [[(text: String, line: Int)]] = Array(repeating: [], count: names.count)
        var noPhenotype = 0, noCovariate = 0
        for i in selected.indices {
            guard let value = try code(i) else { noPhenotype += 1; continue }
            if let covariateFile {
                let row = covariateColumns.compactMap { column -> (text: String, line: Int)? in
                    guard let cell = covariateFile.value(for: fileset.samples[i], column: column), let text = cell.text
                    else { return nil }
                    return (text, cell.line)
                }
                guard row.count == names.count else { noCovariate += 1; continue }
                for k in row.indices { cells[k].append(row[k]) }
            }
            kept.append(i)
            y.append(value)
        }
        samples = SampleSubset(indices: kept, of: selected.sampleCount)
        outcome = y
        (covariates, self.covariateNames) = try CaseControlDesign.encode(
            names: names, cells: cells, rows: kept.count, file: covariateFile?.path)
        missingPhenotype = noPhenotype
        missingCovariates = noCovariate
        let cases = y.reduce(0, +)
        guard cases > 0, cases < Double(y.count) else {
            throw DataError(column: phenotypeName, "\(Int(cases)) cases and \(y.count - Int(cases)) controls among the "
                            + "\(y.count) samples with a phenotype and covariates; a case/control analysis needs both")
        }
    }

    /// The covariate matrix (`rows × encoded columns`, column-major, raw scale) and its column names: numeric
    /// columns as they are, text columns one-hot through ``FeatureSchema`` (as `train` encodes them).
    private static func encode(names: [String], cells: [[(text: String, line: Int)]], rows: Int, file: String?)
        throws -> (Matrix, [String]) {
        guard !names.isEmpty else { return (Matrix(rows: rows, columns: 0), []) }
        var raw: [(name: String, column: RawColumn)] = []
        for (name, column) in zip(names, cells) {
            let numbers = column.map { Double($0.text).flatMap { $0.isFinite ? $0 : nil } }
            if let text = zip(column, numbers).first(where: { $0.1 == nil })?.0 {
                if let number = zip(column, numbers).first(where: { $0.1 != nil })?.0 {
                    throw DataError(file: file, line: text.line, column: name,
                                    "covariate value `\(text.text)` is not a number, but the value on line \(number.line) "
                                    + "(`\(number.text)`) is: a categorical covariate must have no numeric values")
                }
                raw.append((name, RawColumn.categorical(labels: column.map(\.text))))
            } else {
                raw.append((name, .numeric(numbers.map { $0! })))
            }
            if let first = column.first, column.allSatisfy({ $0.text == first.text }) {
                throw DataError(code: .constantCovariate, file: file, column: name,
                                "the covariate takes one value (`\(first.text)`) in all \(rows) samples with a phenotype and every covariate")
            }
        }
        let (schema, _) = try FeatureSchema.learn(columns: raw)
        let design = schema.rawDesign(columns: raw.map(\.column))
        return (Matrix(rows: rows, columns: design.columns - 1, columnMajor: Array(design.storage[rows...])),
                schema.encodedColumnNames)
    }

    /// The design for chromosome X under plink2's default `--xchr-model 2`: samples of unknown sex (`.fam` column 5
    /// not 1 or 2) left out, and `.fam` sex (1 male, 2 female) added as the last covariate, `SEX`. Male calls keep
    /// the 0/1/2 coding. - Returns: the design and how many samples were left out for unknown sex.
    public func addingSexCovariate(fileset: PlinkFileset) -> (design: CaseControlDesign, unknownSex: Int) {
        let keep = samples.indices.indices.filter { [1, 2].contains(fileset.samples[samples.indices[$0]].sex) }
        let n = keep.count, c = covariateNames.count
        var values = [Double](repeating: 0, count: n * (c + 1))
        for j in 0..<c { for (r, i) in keep.enumerated() { values[r + j * n] = covariates[i, j] } }
        for (r, i) in keep.enumerated() { values[r + c * n] = Double(fileset.samples[samples.indices[i]].sex) }
        let design = CaseControlDesign(
            samples: SampleSubset(indices: keep.map { samples.indices[$0] }, of: samples.sampleCount),
            outcome: keep.map { outcome[$0] }, covariates: Matrix(rows: n, columns: c + 1, columnMajor: values),
            covariateNames: covariateNames + ["SEX"], phenotypeName: phenotypeName, missingPhenotype: missingPhenotype,
            missingCovariates: missingCovariates)
        return (design, samples.count - n)
    }

    private init(samples: SampleSubset, outcome: [Double], covariates: Matrix, covariateNames: [String],
                 phenotypeName: String, missingPhenotype: Int, missingCovariates: Int) {
        self.samples = samples
        self.outcome = outcome
        self.covariates = covariates
        self.covariateNames = covariateNames
        self.phenotypeName = phenotypeName
        self.missingPhenotype = missingPhenotype
        self.missingCovariates = missingCovariates
    }

    /// 1 (case), 0 (control) or nil (missing) for a phenotype token.
    static func caseControl(_ text: String, zeroOne: Bool, file: String, line: Int, column: String) throws -> Double? {
        if SampleValueTable.isPlinkMissing(text) { return nil }
        switch (text, zeroOne) {
        case ("2", false), ("1", true): return 1
        case ("1", false), ("0", true): return 0
        case ("0", false): return nil
        default:
            throw DataError(file: file, line: line, column: column,
                            zeroOne ? "not a case/control code (with --1: 1 case, 0 control, -9 or NA missing)"
                                : "not a case/control code (2 case, 1 control, 0, -9 or NA missing; --1 reads 1/0)")
        }
    }
}
