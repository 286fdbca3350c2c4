import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

/// `Fixtures/logit-small.csv`: 300 rows, columns y, x1, x2 (mean 50, sd 10), x3 (0/1), w (1–3), offset.
/// Made once with numpy (seed 20240611, see the Models tests for the generating model); small enough to commit.
struct LogisticFixture {
    let design: Matrix
    let outcome: [Double]
    let weights: [Double]
    let offset: [Double]
    let names = ["(Intercept)", "x1", "x2", "x3"]

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "logit-small", withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        let rows = lines.map { $0.split(separator: ",").map { Double($0)! } }
        design = Matrix(rowMajor: rows.map { [1, $0[1], $0[2], $0[3]] })
        outcome = rows.map { $0[0] }
        weights = rows.map { $0[4] }
        offset = rows.map { $0[5] }
    }
}
