import Foundation

/// Builds a PLINK 1 binary fileset (`.bed` SNP-major, `.bim`, `.fam`) one sample at a time.
///
/// The `.bed` is variant-major, so records are packed in memory as samples arrive (⌈N/4⌉ bytes per variant,
/// 2 bits per call) and written at the end; each file is written to a temporary name and renamed into place.
public struct PlinkFilesetWriter {
    /// The variants, in `.bim` order.
    public let variants: [PlinkVariant]
    private let capacity: Int
    private var samples: [PlinkSample] = []
    private var records: [UInt8]

    /// A writer for `variants` and at most `samples` samples.
    public init(variants: [PlinkVariant], samples: Int) {
        self.variants = variants
        capacity = samples
        // Every call starts as homozygous A2 (code 11); calls are cleared to their code as samples arrive.
        records = [UInt8](repeating: 0xFF, count: variants.count * ((samples + 3) / 4))
    }

    /// Adds a sample with its A1 dosages (0, 1, 2; any other value is a missing call), one per variant.
    public mutating func append(_ sample: PlinkSample, dosages: [UInt8]) {
        precondition(dosages.count == variants.count, "one dosage per variant")
        precondition(samples.count < capacity, "more samples than the writer was made for")
        let i = samples.count, bytes = (capacity + 3) / 4
        let shift = UInt8((i & 3) << 1)
        for (j, d) in dosages.enumerated() {
            let code: UInt8 = switch d {
            case 2: GenotypeCode.homozygousA1
            case 1: GenotypeCode.heterozygous
            case 0: GenotypeCode.homozygousA2
            default: GenotypeCode.missing
            }
            let o = j * bytes + (i >> 2)
            records[o] = (records[o] & ~(3 << shift)) | (code << shift)
        }
        samples.append(sample)
    }

    /// Writes `prefix.bed`, `.bim` and `.fam` with `permissions` (owner-only for individual-level data).
    public func write(prefix: String, permissions: mode_t = AtomicFile.ownerOnly) throws {
        let bytes = (samples.count + 3) / 4, stride = (capacity + 3) / 4
        var bed: [UInt8] = [0x6c, 0x1b, 0x01]
        bed.reserveCapacity(3 + variants.count * bytes)
        for j in variants.indices {
            var record = Array(records[(j * stride)..<(j * stride + bytes)])
            // Padding slots of the last byte are written as 00, as PLINK does.
            if samples.count % 4 != 0 { record[bytes - 1] &= UInt8((1 << (2 * (samples.count % 4))) - 1) }
            bed += record
        }
        var bim = ""
        for v in variants {
            bim += "\(v.chromosome)\t\(v.id)\t\(v.centimorgans == 0 ? "0" : String(v.centimorgans))\t\(v.position)\t\(v.allele1)\t\(v.allele2)\n"
        }
        var fam = ""
        for s in samples {
            fam += "\(s.familyID) \(s.individualID) \(s.fatherID) \(s.motherID) \(s.sex) \(s.phenotype)\n"
        }
        try AtomicFile.write(Array(bim.utf8), to: prefix + ".bim", permissions: AtomicFile.shared)
        try AtomicFile.write(Array(fam.utf8), to: prefix + ".fam", permissions: permissions)
        try AtomicFile.write(bed, to: prefix + ".bed", permissions: permissions)
    }
}
