import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension VCFReader {
    /// Writes the remaining records as the PLINK 1 fileset `prefix.bed/.bim/.fam`, as plink2
    /// `--vcf FILE --max-alleles 2 --make-bed` does: FID `0`, IID the sample name, sex unknown, phenotype `-9`;
    /// A1 = ALT, A2 = REF, ID as written. The `.bed` (variant-major, ⌈N/4⌉ bytes per variant) is streamed one record
    /// at a time; `.bed` and `.fam` are owner-only. Each file is written atomically.
    /// - Throws: ``DataError`` for a malformed record or a file without biallelic records; ``OutputFileError``.
    package func writePlinkFileset(prefix: String) throws -> VCFConversionReport {
        let n = header.samples.count, bytes = (n + 3) / 4
        let bed = try AtomicFileWriter(path: prefix + ".bed", permissions: AtomicFile.ownerOnly)
        let bim = try AtomicFileWriter(path: prefix + ".bim", permissions: AtomicFile.shared)
        do {
            try bed.write([0x6c, 0x1b, 0x01])
            // .bed codes by ALT count 0, 1, 2, missing: 11 hom A2, 10 het, 00 hom A1, 01 missing.
            let code: [UInt8] = [GenotypeCode.homozygousA2, GenotypeCode.heterozygous, GenotypeCode.homozygousA1, GenotypeCode.missing]
            var calls: [UInt8] = [], block: [UInt8] = [], text: [UInt8] = []
            var variants = 0
            while let variant = try next(calls: &calls) {
                var record = [UInt8](repeating: 0, count: bytes)
                for (i, c) in calls.enumerated() { record[i >> 2] |= code[Int(c)] << UInt8((i & 3) << 1) }
                block += record
                let v = variant.plinkVariant
                text += Array("\(v.chromosome)\t\(v.id)\t0\t\(v.position)\t\(v.allele1)\t\(v.allele2)\n".utf8)
                variants += 1
                if block.count >= 1 << 20 {
                    try bed.write(block)
                    try bim.write(text)
                    block.removeAll(keepingCapacity: true)
                    text.removeAll(keepingCapacity: true)
                }
            }
            guard variants > 0 else {
                throw DataError(file: path, "no biallelic records: nothing to read genotypes from")
            }
            try bed.write(block)
            try bim.write(text)
            let fam = header.samples.map { "0 \($0) 0 0 0 -9\n" }.joined()
            try AtomicFile.write(Array(fam.utf8), to: prefix + ".fam", permissions: AtomicFile.ownerOnly)
            try bed.commit()
            try bim.commit()
            return VCFConversionReport(samples: n, variants: variants, multiallelicSkipped: multiallelicSkipped,
                                       halfCalls: halfCalls, polyploidCalls: polyploidCalls)
        } catch {
            bed.abandon()
            bim.abandon()
            throw error
        }
    }
}

extension PlinkFileset {
    /// Reads the VCF at `path` into a temporary owner-only PLINK 1 fileset (``VCFReader/writePlinkFileset(prefix:)``),
    /// opens it and removes its files at once: the open fileset keeps the memory-mapped `.bed`, and nothing is left
    /// on disk, even when the process is interrupted (the files are registered with ``TemporaryFiles`` meanwhile).
    /// - Throws: ``InputFileError`` when the VCF cannot be read; ``DataError`` for malformed VCF data.
    package static func converting(vcf path: String, halfCall: VCFHalfCall) throws -> (PlinkFileset, VCFConversionReport) {
        let reader = try VCFReader(path: path, halfCall: halfCall)
        let prefix = FileManager.default.temporaryDirectory.path + "/riskkit-vcf-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let files = [".bed", ".bim", ".fam"].map { prefix + $0 }
        for f in files { TemporaryFiles.register(f) }
        defer {
            for f in files {
                unlink(f)
                TemporaryFiles.unregister(f)
            }
        }
        let report = try reader.writePlinkFileset(prefix: prefix)
        var fileset = try PlinkFileset(prefix: prefix)
        fileset.prefix = path
        return (fileset, report)
    }
}
