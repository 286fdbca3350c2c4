
/// The 2-bit genotype codes of a PLINK 1 `.bed` record and per-byte lookup tables over them.
///
/// A byte holds four samples; sample `k` of the byte (0…3) is `(byte >> 2k) & 3`. Codes: 0 (`00`) hom A1,
/// 1 (`01`) missing, 2 (`10`) het, 3 (`11`) hom A2. Dosage of A1 (the counted, PLINK 2 ALT allele): 2, missing, 1, 0.
public enum GenotypeCode {
    /// Code of a homozygous A1 call.
    public static let homozygousA1: UInt8 = 0
    /// Code of a missing call.
    public static let missing: UInt8 = 1
    /// Code of a heterozygous call.
    public static let heterozygous: UInt8 = 2
    /// Code of a homozygous A2 call.
    public static let homozygousA2: UInt8 = 3

    /// The code of slot `k` (0…3) of `byte`: `(byte >> 2k) & 3`.
    @inlinable
    package static func code(_ byte: UInt8, slot k: Int) -> UInt8 {
        (byte >> UInt8(k << 1)) & 3
    }

    /// The code of sample `i` (0-based, `.fam` order) in a variant's record.
    @inlinable
    package static func code(ofSample i: Int, in record: UnsafeRawBufferPointer) -> UInt8 {
        code(record[i >> 2], slot: i & 3)
    }

    /// A1 dosage per code (`NaN` for missing).
    static let dosageOfCode: [Double] = [2, .nan, 1, 0]
    /// A1 dosage per code, 0 for missing.
    package static let calledA1DosageOfCode: [Double] = dosageOfCode.map { $0.isNaN ? 0 : $0 }
    /// A2 dosage per code, 0 for missing.
    package static let calledA2DosageOfCode: [Double] = dosageOfCode.map { $0.isNaN ? 0 : 2 - $0 }
    /// 1 per called code, 0 for missing.
    package static let calledOfCode: [Double] = dosageOfCode.map { $0.isNaN ? 0 : 1 }

    /// The per-byte table of a per-code table: entry `4·b + k` is `perCode[code of slot k of byte b]`, 1024 entries,
    /// so a decoder turns one `.bed` byte into four values with four look-ups at `4·b`.
    package static func slotTable(_ perCode: [Double]) -> [Double] {
        (0..<1024).map { perCode[Int(code(UInt8($0 >> 2), slot: $0 & 3))] }
    }

    /// `dosages[4·b + k]`: A1 dosage of slot `k` of byte `b` (`NaN` when missing).
    static let dosages: [Double] = slotTable(dosageOfCode)
    /// `calledA1Dosages[4·b + k]`: A1 dosage of slot `k` of byte `b` (0 when missing).
    package static let calledA1Dosages: [Double] = slotTable(calledA1DosageOfCode)
    /// `calledA2Dosages[4·b + k]`: A2 dosage of slot `k` of byte `b` (0 when missing).
    package static let calledA2Dosages: [Double] = slotTable(calledA2DosageOfCode)
    /// `calledSlots[4·b + k]`: 1 when slot `k` of byte `b` holds a call, 0 when it is missing.
    package static let calledSlots: [Double] = slotTable(calledOfCode)

    /// `packedCounts[b]`: how many of byte `b`'s four slots hold code `c`, in 16-bit lane `c` of the word.
    package static let packedCounts: [UInt64] = (0..<256).map { b in
        var word: UInt64 = 0
        for k in 0..<4 { word += 1 << (16 * UInt64(code(UInt8(b), slot: k))) }
        return word
    }

    /// How many bytes' ``packedCounts`` words may be summed before a 16-bit lane could overflow (4 × 16,000 < 2¹⁶).
    package static let packedCountsRun = 16_000

    /// Adds lane `c` of `word`, a sum of at most ``packedCountsRun`` ``packedCounts`` words, to `counts.c`.
    @inlinable
    package static func addLanes(of word: UInt64, to counts: inout (Int, Int, Int, Int)) {
        counts.0 += Int(word & 0xFFFF); counts.1 += Int((word >> 16) & 0xFFFF)
        counts.2 += Int((word >> 32) & 0xFFFF); counts.3 += Int(word >> 48)
    }

    /// `missingSlots[b]`: bit `k` set when slot `k` of byte `b` is missing (code `01`).
    package static let missingSlots: [UInt8] = (0..<256).map { b in
        var mask: UInt8 = 0
        for k in 0..<4 where code(UInt8(b), slot: k) == missing { mask |= 1 << UInt8(k) }
        return mask
    }
}
