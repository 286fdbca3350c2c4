import Foundation
import Testing
import RiskKit
@testable import RiskKitData

/// The packed-record 3×3 genotype tables behind clumping, against tables counted from the decoder's dosages
/// (``PlinkFileset/decode(variants:samples:missing:)``, itself checked against plink2 `--export A` in PlinkFilesetTests).
@Suite struct GenotypeTableTests {
    /// gwas-small: 400 samples, so records end in a partial 64-bit word (100 bytes), with 3 % missing calls.
    @Test(arguments: [false, true])
    func tablesMatchDecodedDosages(subset: Bool) throws {
        let fileset = try PlinkFileset(prefix: fixturePath("gwas-small"))
        let samples = subset ? SampleSubset(indices: (0..<fileset.sampleCount).filter { $0 % 3 != 1 && $0 != 399 },
                                            of: fileset.sampleCount)
                             : .all(fileset.sampleCount)
        let mask = fileset.selectionMask(samples)
        let dosages = fileset.decode(variants: 0..<8, samples: samples, missing: .nan)
        for a in 0..<8 {
            let classes = fileset.genotypeClasses(a, mask: mask)
            for b in 0..<8 {
                var expected = [Double](repeating: 0, count: 9)
                for r in 0..<samples.count where !dosages[r, a].isNaN && !dosages[r, b].isNaN {
                    expected[3 * Int(dosages[r, a]) + Int(dosages[r, b])] += 1
                }
                #expect(fileset.genotypeTable(classes, b) == expected, "variants \(a), \(b)")
            }
        }
    }
}
