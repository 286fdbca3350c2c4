import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

@Suite struct RiskModelFileTests {
    func smallModel() throws -> RiskModel {
        let (schema, _) = try FeatureSchema.learn(columns: [("age", .numeric([40, 50, 60])), ("sex", .categorical(codes: [0, 1, 0], levels: ["F", "M"]))])
        return RiskModel(
            description: "test", outcome: OutcomeDefinition(column: "y", positiveLabel: "1", negativeLabel: "0"), idColumn: "id",
            schema: schema,
            coefficients: [CoefficientEstimate(name: "(Intercept)", estimate: -5), CoefficientEstimate(name: "age", estimate: 0.05),
                           CoefficientEstimate(name: "sex=M", estimate: 0.4)],
            fit: FitSummary(penalty: "none", lambda: nil, alpha: nil, lambdaSelection: nil, iterations: 5, converged: true,
                            deviance: 1, nullDeviance: 2, logLikelihood: -0.5, aic: 7, n: 3, events: 1),
            calibration: Calibration(prevalence: nil, sampleEventRate: 1.0 / 3),
            referenceRisks: ReferenceDistribution(values: [0.1, 0.2, 0.3]), crossValidation: nil,
            training: TrainingProvenance(dataFile: "d.csv", dataSHA256: "00", rowsRead: 3, rowsUsed: 3, rowsSkipped: [:],
                                         events: 1, date: "2026-11-25T00:00:00Z", riskkitVersion: "0.1.0", options: [:]))
    }

    @Test func roundTripAndScore() throws {
        let folder = try temporaryFolder()
        let path = folder + "/m.json"
        try smallModel().write(to: path)
        let loaded = try RiskModel.load(path: path)
        #expect(loaded.checksum?.hasPrefix("sha256:") == true)
        // η = −5 + 0.05·50 + 0.4 = −2.1 → risk = 1/(1+e^{2.1}).
        let score = try loaded.score(PatientInput(model: loaded, fields: ["age": "50", "sex": "M"]))
        #expect(abs(score.risk - 1 / (1 + exp(2.1))) < 1e-15)
        // Contributions are β·(x − training mean): age 0.05·(50 − 50) = 0, sex 0.4·(1 − 1/3) = 4/15.
        #expect(score.contributions.map(\.feature) == ["sex", "age"])
        #expect(abs(score.contributions[0].value - 0.4 * 2 / 3) < 1e-15)
        #expect(score.contributions[1].value == 0)
        // Percentile of the reference risks 0.1, 0.2, 0.3 (1,001 type-7 quantiles): 0.1 + 0.2·(k/1000) at k/10 %.
        #expect(abs(score.percentile - ((score.risk - 0.1) / 0.2) * 100) < 1e-9)
    }

    /// A file as RiskKit writes it holds its canonical text: its whitespace dropped, slashes escaped and the
    /// checksum left out give exactly the bytes `JSONEncoder` writes for the document without its checksum (what
    /// the checksum covers), for every shipped model and PRS model and for texts with a slash, quotes, a
    /// backslash and a line break.
    @Test func fileTextGivesTheCanonicalBytes() throws {
        for name in ["demo-cvd-model.json", "demo-cvd-genetic-model.json", "demo-t2d-model.json", "demo-breast-model.json"] {
            let path = ConditionPoliciesTests.shipped(name)
            let text = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(RiskModel.canonicalText(of: text) == (try RiskModel.load(path: path).canonicalBytes()), "\(name)")
        }
        let prsPath = ConditionPoliciesTests.shipped("demo-cvd-prs.prs.json")
        let prsText = Array(try Data(contentsOf: URL(fileURLWithPath: prsPath)))
        #expect(PolygenicScoreModel.canonicalText(of: prsText) == (try PolygenicScoreModel.load(path: prsPath).canonicalBytes()))
        var model = try smallModel()
        model.description = "a/b \"c\" \\ d/\ne"
        #expect(RiskModel.canonicalText(of: try model.fileBytes()) == (try model.canonicalBytes()))
        // A number written another way is not the canonical text, but the same document: still accepted, as its
        // checksum is then computed by encoding the document again.
        let folder = try temporaryFolder()
        let text = String(decoding: try smallModel().fileBytes(), as: UTF8.self)
        let edited = text.replacingOccurrences(of: "\"estimate\" : 0.05,", with: "\"estimate\" : 0.050,")
        #expect(edited != text)
        try edited.write(toFile: folder + "/m.json", atomically: true, encoding: .utf8)
        #expect(try RiskModel.load(path: folder + "/m.json").coefficients[1].estimate == 0.05)
    }

    @Test func editedFileIsRefused() throws {
        let folder = try temporaryFolder()
        let path = folder + "/m.json"
        try smallModel().write(to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"estimate\" : 0.05", with: "\"estimate\" : 0.06")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try RiskModel.load(path: path) } throws: { error in
            (error as? DataError)?.message.contains("checksum mismatch") == true
        }
    }

    @Test func truncatedFileIsRefused() throws {
        let folder = try temporaryFolder()
        let path = folder + "/m.json"
        let bytes = try smallModel().fileBytes()
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        #expect { try RiskModel.load(path: path) } throws: { error in
            (error as? DataError)?.message.contains("truncated or malformed") == true
        }
    }

    @Test func otherVersionIsRefused() throws {
        let folder = try temporaryFolder()
        let path = folder + "/m.json"
        var text = String(decoding: try smallModel().fileBytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try RiskModel.load(path: path) } throws: { error in
            (error as? DataError)?.message.contains("version 2 is not supported") == true
        }
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputFileError.self) { try RiskModel.load(path: "/nonexistent/model.json") }
    }
}
