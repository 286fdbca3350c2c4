
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

    /// A1 dosage per code (`NaN` for missing).
    static let dosageOfCode: [Double] = [2, .nan, 1, 0]

    /// `dosages[4·b + k]`: A1 dosage of slot `k` of byte `b` (`NaN` when missing); 1024 entries.
    static let dosages: [Double] = (0..<1024).map { dosageOfCode[Int((UInt8($0 >> 2) >> UInt8(2 * ($0 & 3))) & 3)] }

    /// `packedCounts[b]`: how many of byte `b`'s four slots hold code `c`, in 16-bit lane `c` of the word.
    package static let packedCounts: [UInt64] = (0..<256).map { b in
        var word: UInt64 = 0
        for k in 0..<4 { word += 1 << (16 * UInt64((b >> (2 * k)) & 3)) }
        return word
    }

    /// `missingSlots[b]`: bit `k` set when slot `k` of byte `b` is missing (code `01`).
    package static let missingSlots: [UInt8] = (0..<256).map { b in
        var mask: UInt8 = 0
        for k in 0..<4 where (b >> (2 * k)) & 3 == 1 { mask |= 1 << UInt8(k) }
        return mask
    }
}
