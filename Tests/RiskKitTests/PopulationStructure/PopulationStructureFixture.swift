import Foundation
import RiskKit

/// The pca-small fixture (Fixtures/pca-small-gen.py) and plink2's outputs on it (Fixtures/pca-fixtures.sh, PLINK
/// v2.00a3.5).
enum PopulationStructureFixture {
    static func fileset() throws -> PlinkFileset { try PlinkFileset(prefix: fixturePath("pca-small")) }

    /// The lines of a fixture file.
    static func lines(_ name: String) throws -> [String] {
        try String(contentsOfFile: fixturePath(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A plink2 `.eigenvec` as (IID, values) rows, header dropped.
    static func eigenvectors(_ name: String) throws -> [(id: String, values: [Double])] {
        try lines(name).dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return (fields[1], fields[2...].map { Double($0)! })
        }
    }

    /// A plink2 `.eigenval`.
    static func eigenvalues(_ name: String) throws -> [Double] { try lines(name).map { Double($0)! } }

    /// The selection plink2 used: every sample; LD and frequencies over the founders (all but S7 and S8).
    static func selection(_ fileset: PlinkFileset) -> (samples: SampleSubset, founders: SampleSubset) {
        let all = GenotypeSelection.all(fileset)
        return (all.samples, all.frequencySamples(in: fileset, nonfounders: false))
    }
}
