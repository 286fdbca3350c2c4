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
    /// Phenotype codes follow plink2: 1 control, 2 case, and 0, -9, `NA` or `nan` missing; with `zeroOneCoding`
    /// (plink2's `--1`), 0 control and 1 case, -9/`NA`/`nan` missing. Covariates must be numbers; -9, `NA` and
    /// `nan` are missing. `covariateNames` nil means every column of `covariateFile`.
    /// - Throws: ``DataError`` naming the file, line and column for a phenotype value that is not a case/control
    ///   code, a covariate value that is not a number, an unknown column, or when no case or no control is left.
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
        let phenotypeColumn: (table: SampleValueTable, index: Int)?
        switch phenotype {
        case .fam:
            phenotypeColumn = nil
            phenotypeName = "PHENO1"
        case .file(let table, let column):
            phenotypeColumn = (table, try table.columnIndex(column))
            phenotypeName = column
        }
        var kept: [Int] = []
        var y: [Double] = []
        var values: [[Double]] = Array(repeating: [], count: names.count)
        var noPhenotype = 0, noCovariate = 0
        for i in selected.indices {
            let sample = fileset.samples[i]
            let code: Double?
            if let phenotypeColumn {
                guard let cell = phenotypeColumn.table.value(for: sample, column: phenotypeColumn.index) else {
                    noPhenotype += 1
                    continue
                }
                code = try CaseControlDesign.caseControl(
                    cell.text, zeroOne: zeroOneCoding, file: phenotypeColumn.table.path, line: cell.line,
                    column: phenotypeName)
            } else {
                code = try CaseControlDesign.caseControl(
                    sample.phenotype, zeroOne: zeroOneCoding, file: fileset.prefix + ".fam", line: i + 1,
                    column: "phenotype")
            }
            guard let code else { noPhenotype += 1; continue }
            var row: [Double] = []
            row.reserveCapacity(names.count)
            if let covariateFile {
                for (k, column) in covariateColumns.enumerated() {
                    guard let cell = covariateFile.value(for: sample, column: column),
                          let x = try CaseControlDesign.covariate(cell.text, file: covariateFile.path, line: cell.line,
                                                                  column: names[k])
                    else { break }
                    row.append(x)
                }
                guard row.count == names.count else { noCovariate += 1; continue }
            }
            kept.append(i)
            y.append(code)
            for k in row.indices { values[k].append(row[k]) }
        }
        samples = SampleSubset(indices: kept, of: selected.sampleCount)
        outcome = y
        covariates = Matrix(rows: kept.count, columns: names.count, columnMajor: values.flatMap { $0 })
        self.covariateNames = names
        missingPhenotype = noPhenotype
        missingCovariates = noCovariate
        let cases = y.reduce(0, +)
        guard cases > 0, cases < Double(y.count) else {
            throw DataError(column: phenotypeName, "\(Int(cases)) cases and \(y.count - Int(cases)) controls among the "
                            + "\(y.count) samples with a phenotype and covariates; a case/control analysis needs both")
        }
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

    /// Tokens plink2 reads as a missing value.
    static func isMissingToken(_ text: String) -> Bool {
        text == "-9" || text.lowercased() == "na" || text.lowercased() == "nan"
    }

    /// 1 (case), 0 (control) or nil (missing) for a phenotype token.
    static func caseControl(_ text: String, zeroOne: Bool, file: String, line: Int, column: String) throws -> Double? {
        if isMissingToken(text) { return nil }
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

    /// The number in a covariate token, nil when missing.
    static func covariate(_ text: String, file: String, line: Int, column: String) throws -> Double? {
        if isMissingToken(text) { return nil }
        guard let x = Double(text), x.isFinite else {
            throw DataError(file: file, line: line, column: column, "covariate value is not a number")
        }
        return x
    }
}
