import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct PlinkFilesetErrorTests {
    /// A copy of the plink-tiny fileset in a fresh folder, with optional replacements; returns the prefix.
    private func copy(bed: [UInt8]? = nil, bim: String? = nil, fam: String? = nil) throws -> String {
        let prefix = try temporaryFolder() + "/t"
        let source = PlinkReference.prefix
        let fm = FileManager.default
        for ext in ["bed", "bim", "fam"] { try fm.copyItem(atPath: source + "." + ext, toPath: prefix + "." + ext) }
        if let bed { try Data(bed).write(to: URL(fileURLWithPath: prefix + ".bed")) }
        if let bim { try bim.write(toFile: prefix + ".bim", atomically: true, encoding: .utf8) }
        if let fam { try fam.write(toFile: prefix + ".fam", atomically: true, encoding: .utf8) }
        return prefix
    }

    private func originalBed() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: PlinkReference.prefix + ".bed")))
    }

    private func lines(_ ext: String) throws -> [String] {
        try String(contentsOfFile: PlinkReference.prefix + "." + ext, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func wrongMagic() throws {
        var bed = try originalBed()
        bed[1] = 0x1c
        let prefix = try copy(bed: bed)
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.file == prefix + ".bed")
        #expect(error.message.contains("0x6c 0x1b") && error.message.contains("0x6c 0x1c"))
    }

    @Test func sampleMajorModeIsUnsupported() throws {
        var bed = try originalBed()
        bed[2] = 0x00
        let prefix = try copy(bed: bed)
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.message.contains("sample-major") && error.message.contains("not supported"))
    }

    @Test func truncatedBedStatesExpectedAndActualSize() throws {
        let bed = try originalBed()
        let prefix = try copy(bed: Array(bed.dropLast(5)))
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        // 3 + 37 · ⌈23/4⌉ = 3 + 37 · 6 = 225 bytes expected; 220 present.
        #expect(error.message.contains("220 bytes") && error.message.contains("= 225 bytes"))
    }

    @Test func malformedBimLineNamesFileAndLine() throws {
        var bim = try lines("bim")
        bim[4] = "1\trs1004\t0\t10548\tC"
        let prefix = try copy(bim: bim.joined(separator: "\n") + "\n")
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.file == prefix + ".bim" && error.line == 5)
        #expect(error.message.contains("found 5"))
        #expect(error.description.hasPrefix(prefix + ".bim:5: "))
    }

    @Test func nonIntegerPosition() throws {
        var bim = try lines("bim")
        bim[9] = "1\trs1009\t0\t12a\tG\tA"
        let prefix = try copy(bim: bim.joined(separator: "\n"))
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.file == prefix + ".bim" && error.line == 10 && error.column == "position")
    }

    @Test func malformedFamLine() throws {
        var fam = try lines("fam")
        fam[2] = "F1 S3 0 0 0"
        let prefix = try copy(fam: fam.joined(separator: "\n") + "\n")
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.file == prefix + ".fam" && error.line == 3 && error.message.contains("6 fields"))
    }

    @Test func duplicateSampleWithinFamily() throws {
        var fam = try lines("fam")
        fam[1] = "F1\tS1\t0\t0\t2\t2"
        let prefix = try copy(fam: fam.joined(separator: "\n") + "\n")
        let error = try #require(dataError { _ = try PlinkFileset(prefix: prefix) })
        #expect(error.line == 2 && error.message.contains("duplicate sample ID `S1` in family `F1` (first on line 1)"))
    }

    @Test func missingFileIsInputFileError() throws {
        let prefix = try copy()
        try FileManager.default.removeItem(atPath: prefix + ".bed")
        #expect(throws: InputFileError(path: prefix + ".bed", reason: "No such file or directory", errorNumber: ENOENT)) {
            _ = try PlinkFileset(prefix: prefix)
        }
    }
}
