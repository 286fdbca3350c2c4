import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData

/// The VCF reader against plink2 v2.00a3.5's own conversion of the same files (Fixtures/vcf-fixtures.sh:
/// `plink2 --vcf F --max-alleles 2 --vcf-half-call missing|haploid --make-bed`): the same samples, variants and
/// `.bed` records, byte for byte.
@Suite struct VCFReaderTests {
    /// Expects the fileset read from `vcf` to equal plink2's conversion `reference` record by record.
    private func expectEqual(vcf: String, halfCall: VCFHalfCall, reference: String) throws {
        let (ours, report) = try PlinkFileset.converting(vcf: fixturePath(vcf), halfCall: halfCall)
        let plink2 = try PlinkFileset(prefix: fixturePath(reference))
        #expect(ours.samples == plink2.samples)
        #expect(ours.variants == plink2.variants)
        #expect(report.variants == plink2.variantCount && report.samples == plink2.sampleCount)
        for j in 0..<plink2.variantCount {
            let a = ours.withRecord(j) { Array($0) }, b = plink2.withRecord(j) { Array($0) }
            #expect(a == b, "variant \(j + 1)")
        }
    }

    @Test func smallFixtureEqualsPlink2Conversion() throws {
        try expectEqual(vcf: "vcf-small.vcf", halfCall: .missing, reference: "vcf-small-ref")
    }

    /// BGZF (blocks inflated in parallel) and plain gzip (one stream).
    @Test(arguments: ["vcf-small.vcf.gz", "vcf-small-gzip.vcf.gz"])
    func compressedFixtureEqualsPlink2Conversion(vcf: String) throws {
        try expectEqual(vcf: vcf, halfCall: .missing, reference: "vcf-small-ref")
    }

    @Test func haploidHalfCallsEqualPlink2() throws {
        try expectEqual(vcf: "vcf-small.vcf", halfCall: .haploid, reference: "vcf-small-haploid-ref")
    }

    /// htslib's tabix test VCF: indels, a monomorphic ALT `.`, two records at one position, multi-allelic sites.
    @Test func htslibTestFileEqualsPlink2Conversion() throws {
        try expectEqual(vcf: "vcf-htslib.vcf", halfCall: .error, reference: "vcf-htslib-ref")
    }

    /// Counts from the fixture's text: rs104 is the one multi-allelic record; six half calls (./1, 1/., 0/.).
    @Test func reportCountsSkippedAndAlteredData() throws {
        let (_, report) = try PlinkFileset.converting(vcf: fixturePath("vcf-small.vcf"), halfCall: .missing)
        #expect(report == VCFConversionReport(samples: 12, variants: 9, multiallelicSkipped: 1, halfCalls: 6, polyploidCalls: 0))
    }

    /// Hand-decoded calls, including the half-call rules and a triploid call (missing, as plink2).
    @Test func decodesCallsByHand() throws {
        let text = """
            ##fileformat=VCFv4.3
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\tD\tE\tF\tG\tH
            chr1\t10\tx\tA\tC\t.\t.\t.\tDP:GT:DS\t3:0/0:0.1\t3:0|1:1\t3:1/1:.\t3:./.:2\t3:.:0\t3:1:1.5\t3:./1:1\t3:0/1/1:1
            """
        let path = try temporaryFolder() + "/hand.vcf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for (rule, half) in [(VCFHalfCall.missing, VCFReader.missingCall), (.haploid, 2), (.reference, 1)] {
            let reader = try VCFReader(path: path, halfCall: rule)
            var calls: [UInt8] = [], dosages: [Double] = []
            let record = try #require(try reader.next(calls: &calls, dosages: &dosages))
            #expect(record.variant == VCFVariant(chromosome: "1", position: 10, id: "x", reference: "A", alternate: "C"))
            #expect(calls == [0, 1, 2, 3, 3, 2, half, 3])
            #expect(record.hasDosages)
            #expect(dosages.map { $0.isNaN ? -1 : $0 } == [0.1, 1, -1, 2, 0, 1.5, 1, 1])
            #expect(reader.halfCalls == 1 && reader.polyploidCalls == 1)
            #expect(try reader.next(calls: &calls) == nil)
        }
    }

    @Test(arguments: [
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tA\n", 2, "duplicate sample name"),
        ("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n", 1, "not a VCF file"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", 2, "no samples"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n1\t5\t.\tA\tC\t.\t.\t.\tGT\t0/1\n", 3, "9 + 2"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n1\tx\t.\tA\tC\t.\t.\t.\tGT\t0/1\n", 3, "not a non-negative integer"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n1\t5\t.\tA\tC\t.\t.\t.\tGT\t0/2\n", 3, "allele index 2"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n1\t5\t.\tA\tC\t.\t.\t.\tGT\t0/x\n", 3, "not a genotype call"),
        ("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n1\t5\t.\tA\tC\t.\t.\t.\tGT\t./1\n", 3, "half call"),
    ])
    func refusesMalformedInput(text: String, line: Int, message: String) throws {
        let path = try temporaryFolder() + "/bad.vcf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = dataError { _ = try PlinkFileset.converting(vcf: path, halfCall: .error) }
        #expect(error?.file == path && error?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    /// The temporary fileset is gone once opened: nothing with patient data stays on disk.
    @Test func leavesNoTemporaryFiles() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("riskkit-vcf-") || $0.hasPrefix(".riskkit-vcf-") }
        let (fileset, _) = try PlinkFileset.converting(vcf: fixturePath("vcf-small.vcf.gz"), halfCall: .missing)
        let after = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("riskkit-vcf-") || $0.hasPrefix(".riskkit-vcf-") }
        #expect(after.count <= before.count)
        #expect(fileset.prefix == fixturePath("vcf-small.vcf.gz"))
        #expect(fileset.withRecord(8) { $0.count } == 3)
    }
}
