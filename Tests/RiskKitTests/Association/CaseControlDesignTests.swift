import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels

@Suite struct CaseControlDesignTests {
    static let fileset = try! PlinkFileset(prefix: fixturePath("gwas-small"))

    func write(_ text: String) throws -> String {
        let path = try temporaryFolder() + "/table.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// gwas-small.covar lists 400 samples, 6 of them with one `NA` covariate (gwas-small-gen.py); the .fam has 167
    /// cases among the other 394.
    @Test func samplesWithMissingCovariatesAreLeftOut() throws {
        let covar = try SampleValueTable(path: fixturePath("gwas-small.covar"), defaultPrefix: "COVAR")
        #expect(covar.columns == ["AGE", "SEX", "PC1", "PC2"] && covar.hasFamilyID && covar.sampleCount == 400)
        let design = try CaseControlDesign(fileset: Self.fileset, selected: .all(400), phenotype: .fam, covariateFile: covar)
        #expect(design.samples.count == 394 && design.missingCovariates == 6 && design.missingPhenotype == 0)
        #expect(design.cases == 167 && design.controls == 227)
        #expect(design.covariates.rows == 394 && design.covariates.columns == 4)
    }

    @Test func iidOnlyHeaderNoHeaderAndZeroOneCoding() throws {
        let iidOnly = try SampleValueTable(path: try write("#IID Y\nP1 1\nP2 0\nP3 -9\nP4 NA\n"), defaultPrefix: "PHENO")
        #expect(!iidOnly.hasFamilyID && iidOnly.columns == ["Y"])
        let design = try CaseControlDesign(fileset: Self.fileset, selected: .all(400), phenotype: .file(iidOnly, column: "Y"),
                                           zeroOneCoding: true)
        #expect(design.outcome == [1, 0] && design.missingPhenotype == 398)
        let bare = try SampleValueTable(path: try write("F1 P1 2 0.5\nF1 P2 1 7\n"), defaultPrefix: "PHENO")
        #expect(bare.columns == ["PHENO1", "PHENO2"] && bare.hasFamilyID)
    }

    @Test func badValuesNameFileLineAndColumn() throws {
        let pheno = try SampleValueTable(path: try write("#FID IID Y\nF1 P1 2\nF1 P2 3.5\n"), defaultPrefix: "PHENO")
        let error = dataError {
            _ = try CaseControlDesign(fileset: Self.fileset, selected: .all(400), phenotype: .file(pheno, column: "Y"))
        }
        #expect(error?.line == 3 && error?.column == "Y" && error?.file == pheno.path)
        let covar = try SampleValueTable(path: try write("#FID IID AGE\nF1 P1 52\nF1 P2 old\n"), defaultPrefix: "COVAR")
        let covarError = dataError {
            _ = try CaseControlDesign(fileset: Self.fileset, selected: .all(400), phenotype: .fam, covariateFile: covar)
        }
        #expect(covarError?.line == 3 && covarError?.column == "AGE")
        #expect(dataError { _ = try covar.columnIndex("BMI") }?.column == "BMI")
    }

    @Test func malformedTablesAreRefused() throws {
        #expect(dataError { _ = try SampleValueTable(path: try write("#FID IID A\nF1 P1 1\nF1 P2\n"), defaultPrefix: "C") }?.line == 3)
        #expect(dataError { _ = try SampleValueTable(path: try write("#FID IID A\nF1 P1 1\nF1 P1 2\n"), defaultPrefix: "C") }?.line == 3)
        #expect(dataError { _ = try SampleValueTable(path: try write("#FID IID A A\nF1 P1 1 2\n"), defaultPrefix: "C") }?.column == "A")
    }

    /// Only controls left: no case/control contrast to test.
    @Test func oneClassOnlyIsAnError() throws {
        let pheno = try SampleValueTable(path: try write("#FID IID Y\nF1 P1 1\nF1 P2 1\n"), defaultPrefix: "PHENO")
        #expect(dataError {
            _ = try CaseControlDesign(fileset: Self.fileset, selected: .all(400), phenotype: .file(pheno, column: "Y"))
        } != nil)
    }
}
