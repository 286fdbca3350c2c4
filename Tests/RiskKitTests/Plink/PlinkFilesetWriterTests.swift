import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels

/// The writer's files are a valid PLINK 1 fileset: the bytes follow the format (closed form below) and read back.
@Suite struct PlinkFilesetWriterTests {
    @Test func bytesFollowTheFormatAndReadBack() throws {
        let variants = [
            PlinkVariant(chromosome: "1", id: "v1", position: 100, allele1: "A", allele2: "G"),
            PlinkVariant(chromosome: "2", id: "v2", position: 200, allele1: "C", allele2: "T"),
        ]
        var writer = PlinkFilesetWriter(variants: variants, samples: 5)
        let dosages: [[UInt8]] = [[2, 0], [1, 9], [0, 1], [9, 2], [2, 2]]
        for (i, d) in dosages.enumerated() {
            writer.append(PlinkSample(familyID: "F\(i)", individualID: "I\(i)", sex: 1 + i % 2, phenotype: "2"), dosages: d)
        }
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)").path
        defer { for ext in [".bed", ".bim", ".fam"] { try? FileManager.default.removeItem(atPath: prefix + ext) } }
        try writer.write(prefix: prefix)
        // Samples 1–4 of a variant share a byte, sample 1 in the low bits; 00 hom A1, 10 het, 11 hom A2, 01 missing;
        // the fifth sample starts the second byte, whose unused slots are 00.
        // v1: 2,1,0,missing | 2 → 00 10 11 01 → 0b01_11_10_00 = 0x78, then 0x00.
        // v2: 0,missing,1,2 | 2 → 11 01 10 00 → 0b00_10_01_11 = 0x27, then 0x00.
        let bed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: prefix + ".bed")))
        #expect(bed == [0x6c, 0x1b, 0x01, 0x78, 0x00, 0x27, 0x00])
        let fileset = try PlinkFileset(prefix: prefix)
        #expect(fileset.variants == variants && fileset.samples.map(\.individualID) == ["I0", "I1", "I2", "I3", "I4"])
        let decoded = fileset.decode(variants: [0, 1], samples: .all(5), missing: .nan)
        let expected: [Double] = [2, 1, 0, .nan, 2, 0, .nan, 1, 2, 2]
        #expect(zip(decoded.storage, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
