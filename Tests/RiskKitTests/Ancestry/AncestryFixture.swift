import Foundation
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels

/// The ancestry-* fixtures (Fixtures/ancestry-gen.py) and numpy's expected values (Fixtures/ancestry-ref-numpy.py:
/// Python 3.11.2, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0; `python3 ancestry-ref-numpy.py`).
enum AncestryFixture {
    static let reference = fixturePath("ancestry-ref")
    static let target = fixturePath("ancestry-target")

    /// A tab-separated fixture as rows of fields, header dropped.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
    }

    /// IID → PC1…PC4 rows of an `ancestry-*-pcs.tsv` file, in file order.
    static func pcs(_ name: String) throws -> [(id: String, pcs: [Double])] {
        try rows(name).map { ($0[0], $0[1...].map { Double($0)! }) }
    }

    /// IID → raw score (ancestry-scores.tsv).
    static func scores() throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try rows("ancestry-scores.tsv").map { ($0[0], Double($0[1])!) })
    }

    /// Fits the 4-PC reference PCA with a tight tolerance.
    static func fitPCA() throws -> AncestryPCAFit {
        let ref = try PlinkFileset(prefix: reference)
        return try AncestryPCA.fit(fileset: ref, samples: .all(ref.sampleCount), components: 4,
                                   options: RandomizedSVDOptions(maxPowerIterations: 60, tolerance: 1e-11), blockSize: 97)
    }
}
