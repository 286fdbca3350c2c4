
/// A PLINK 1 binary fileset (`PREFIX.bed`, `PREFIX.bim`, `PREFIX.fam`), opened for reading.
///
/// The `.fam` and `.bim` text files are parsed into ``samples`` and ``variants``; the `.bed` genotype matrix is
/// memory-mapped read-only and never copied. Storage order of the `.bed` (mode 0x01, variant-major): after the
/// 3-byte header, one record of ``bytesPerVariant`` = ⌈N/4⌉ bytes per variant in `.bim` order; sample `i` (in
/// `.fam` order) sits in byte `i / 4`, bits `2·(i % 4)` and `2·(i % 4) + 1`. Codes: `00` hom A1, `01` missing,
/// `10` het, `11` hom A2 — see ``GenotypeCode``.
public struct PlinkFileset: Sendable {
    /// The prefix the files were opened with (for a fileset read from a VCF, the VCF's path, so that messages name
    /// the user's file and not the removed temporary one).
    public internal(set) var prefix: String
    /// Samples in `.fam` order.
    public let samples: [PlinkSample]
    /// Variants in `.bim` order.
    public let variants: [PlinkVariant]
    /// Bytes per variant record: ⌈N/4⌉.
    public let bytesPerVariant: Int
    package let bed: MappedFile

    /// Number of samples N.
    public var sampleCount: Int { samples.count }
    /// Number of variants M.
    public var variantCount: Int { variants.count }

    /// Opens `prefix.bed/.bim/.fam`, parses the text files and checks the `.bed` header and size.
    /// - Throws: ``InputFileError`` when a file is missing or unreadable; ``DataError`` naming the file (and line)
    ///   for malformed `.fam`/`.bim` lines, duplicate sample IDs, a bad magic number, the unsupported sample-major
    ///   mode, or a `.bed` whose size is not 3 + M·⌈N/4⌉.
    public init(prefix: String) throws {
        let famPath = prefix + ".fam", bimPath = prefix + ".bim", bedPath = prefix + ".bed"
        let samples = try PlinkFileset.readFam(path: famPath)
        let variants = try PlinkFileset.readBim(path: bimPath)
        let bed = try MappedFile(path: bedPath)
        let perVariant = (samples.count + 3) / 4
        let header = bed.bytes(offset: 0, length: Swift.min(3, bed.count))
        guard header.count >= 2, header[0] == 0x6c, header[1] == 0x1b else {
            let seen = header.prefix(2).map { "0x" + String($0, radix: 16) }.joined(separator: " ")
            throw DataError(file: bedPath, "not a PLINK 1 .bed file: the first two bytes must be 0x6c 0x1b, found \(seen.isEmpty ? "an empty file" : seen)")
        }
        guard header.count == 3 else {
            throw DataError(file: bedPath, "truncated .bed header: 3 bytes expected, file has \(bed.count)")
        }
        switch header[2] {
        case 0x01: break
        case 0x00:
            throw DataError(file: bedPath, "sample-major .bed (mode byte 0x00) is not supported; rewrite it in variant-major mode with `plink2 --bfile \(prefix) --make-bed --out NEWPREFIX`")
        default:
            throw DataError(file: bedPath, "unknown .bed mode byte 0x\(String(header[2], radix: 16)) (expected 0x01, variant-major)")
        }
        let expected = 3 + variants.count * perVariant
        guard bed.count == expected else {
            throw DataError(file: bedPath, "size is \(bed.count) bytes but \(variants.count) variants × \(samples.count) samples need 3 + \(variants.count)·\(perVariant) = \(expected) bytes; the .bed does not match the .bim/.fam (truncated or from another fileset)")
        }
        self.prefix = prefix
        self.samples = samples
        self.variants = variants
        self.bytesPerVariant = perVariant
        self.bed = bed
    }

    /// Calls `body` with the raw `.bed` record of `variant` (⌈N/4⌉ bytes, padding bits in the last byte).
    @inline(__always)
    package func withRecord<R>(_ variant: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(bed) {
            try body(bed.bytes(offset: 3 + variant * bytesPerVariant, length: bytesPerVariant))
        }
    }

    /// Parses a `.fam` file: six whitespace-separated fields per line, (FID, IID) unique.
    static func readFam(path: String) throws -> [PlinkSample] {
        let file = try PlinkTextFile(path: path)
        var samples: [PlinkSample] = []
        samples.reserveCapacity(file.lines.count)
        var seen: [String: Int] = [:]
        for line in file.lines {
            let t = line.tokens
            guard t.count == 6 else {
                throw DataError(file: path, line: line.number, ".fam lines need 6 fields (FID IID father mother sex phenotype), found \(t.count)")
            }
            let key = t[0] + "\u{0}" + t[1]
            if let first = seen[key] {
                throw DataError(file: path, line: line.number, "duplicate sample ID `\(t[1])` in family `\(t[0])` (first on line \(first))")
            }
            seen[key] = line.number
            let sex = t[4] == "1" ? 1 : (t[4] == "2" ? 2 : 0)
            samples.append(PlinkSample(familyID: t[0], individualID: t[1], fatherID: t[2], motherID: t[3],
                                       sex: sex, phenotype: t[5]))
        }
        guard !samples.isEmpty else { throw DataError(file: path, "the .fam file lists no samples") }
        return samples
    }

    /// Parses a `.bim` file: six whitespace-separated fields per line, integer position, numeric cM.
    static func readBim(path: String) throws -> [PlinkVariant] {
        let file = try PlinkTextFile(path: path)
        var variants: [PlinkVariant] = []
        variants.reserveCapacity(file.lines.count)
        for line in file.lines {
            let t = line.tokens
            guard t.count == 6 else {
                throw DataError(file: path, line: line.number, ".bim lines need 6 fields (chromosome ID cM position A1 A2), found \(t.count)")
            }
            guard let position = Int(t[3]), position >= 0 else {
                throw DataError(file: path, line: line.number, column: "position", "`\(t[3])` is not a non-negative integer base-pair position")
            }
            guard let cm = Double(t[2]) else {
                throw DataError(file: path, line: line.number, column: "cM", "`\(t[2])` is not a number")
            }
            variants.append(PlinkVariant(chromosome: t[0], id: t[1], centimorgans: cm, position: position,
                                         allele1: t[4], allele2: t[5]))
        }
        guard !variants.isEmpty else { throw DataError(file: path, "the .bim file lists no variants") }
        return variants
    }
}
