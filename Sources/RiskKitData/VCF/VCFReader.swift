import Foundation

/// Streams the records of a VCF file, plain or gzip/BGZF-compressed, one at a time, decoding each sample's GT
/// (and DS on request) straight from the bytes.
///
/// Memory holds one decompressed chunk and one record, independent of the number of variants. GT is read as
/// plink2 `--vcf` does: `0/1` and `0|1` alike, `./.` and `.` missing, a haploid call (`0`, `1`) homozygous, more
/// than two alleles missing, a half call (`./1`) as ``halfCall`` says. Records whose ALT lists several alleles
/// are skipped and counted (plink2 `--max-alleles 2`).
package final class VCFReader {
    /// The path as given (used in error messages).
    package let path: String
    /// The header, read on opening.
    package let header: VCFHeader
    /// How half calls are read.
    package let halfCall: VCFHalfCall
    /// The 1-based line number of the last line read.
    package var lineNumber: Int { lines.lineNumber }
    /// Records skipped because ALT lists more than one allele.
    package private(set) var multiallelicSkipped = 0
    /// Half calls read under ``halfCall`` (missing, haploid or reference).
    package private(set) var halfCalls = 0
    /// Calls with more than two alleles, read as missing.
    package private(set) var polyploidCalls = 0

    /// The call code of a missing genotype in ``next(calls:)``'s output.
    package static let missingCall: UInt8 = 3

    private var lines: ByteLineReader

    /// Opens `path` and reads its header.
    /// - Throws: ``InputFileError`` when the file cannot be opened; ``DataError`` for a bad header.
    package init(path: String, halfCall: VCFHalfCall = .error) throws {
        self.path = path
        self.halfCall = halfCall
        lines = ByteLineReader(try InflatingReader(path: path))
        var headerLines: [String] = []
        while let range = try lines.next() {
            let line = String(decoding: lines.buffer[range], as: UTF8.self)
            guard line.hasPrefix("#") else {
                throw DataError(file: path, line: lines.lineNumber, "a record before the `#CHROM` header line")
            }
            headerLines.append(line)
            if line.hasPrefix("#CHROM") { break }
        }
        header = try VCFHeader(lines: headerLines, file: path)
    }

    /// Reads the next biallelic record into `calls` (resized to the sample count): each sample's ALT allele count
    /// 0, 1 or 2, or ``missingCall``. Multi-allelic records are skipped (``multiallelicSkipped``).
    /// - Returns: the record's site, nil at the end of the file.
    /// - Throws: ``DataError`` naming the file, line and field for a malformed record.
    package func next(calls: inout [UInt8]) throws -> VCFVariant? {
        var unused: [Double] = []
        return try read(calls: &calls, dosages: &unused, wantsDosages: false)?.variant
    }

    /// Like ``next(calls:)``, and also fills `dosages` (resized to the sample count) with each sample's DS value
    /// (NaN when missing) when the record's FORMAT has DS.
    /// - Returns: the site and whether the record has DS; nil at the end of the file.
    package func next(calls: inout [UInt8], dosages: inout [Double]) throws -> (variant: VCFVariant, hasDosages: Bool)? {
        try read(calls: &calls, dosages: &dosages, wantsDosages: true)
    }

    private func read(calls: inout [UInt8], dosages: inout [Double], wantsDosages: Bool) throws -> (variant: VCFVariant, hasDosages: Bool)? {
        let n = header.samples.count
        if calls.count != n { calls = [UInt8](repeating: Self.missingCall, count: n) }
        if wantsDosages && dosages.count != n { dosages = [Double](repeating: .nan, count: n) }
        while let range = try lines.next() {
            if range.isEmpty { continue }
            let parsed = try lines.buffer.withUnsafeBufferPointer { all in
                try calls.withUnsafeMutableBufferPointer { out in
                    try dosages.withUnsafeMutableBufferPointer { ds in
                        try parse(UnsafeBufferPointer(rebasing: all[range]), calls: out, dosages: wantsDosages ? ds : nil)
                    }
                }
            }
            if let parsed { return parsed }
        }
        return nil
    }

    /// Parses one record line; nil for a skipped multi-allelic record.
    private func parse(_ line: UnsafeBufferPointer<UInt8>, calls: UnsafeMutableBufferPointer<UInt8>,
                       dosages: UnsafeMutableBufferPointer<Double>?) throws -> (variant: VCFVariant, hasDosages: Bool)? {
        let tab = UInt8(ascii: "\t"), colon = UInt8(ascii: ":")
        let n = calls.count
        var p = 0
        func field(_ name: String) throws -> Range<Int> {
            guard p <= line.count else {
                throw DataError(file: path, line: lineNumber, column: name, "the record ends before this column (9 + \(n) tab-separated columns expected)")
            }
            let s = p
            while p < line.count && line[p] != tab { p += 1 }
            defer { p += 1 }
            return s..<p
        }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self) }
        let chrom = try field("CHROM"), pos = try field("POS"), id = try field("ID"), ref = try field("REF")
        let alt = try field("ALT")
        if line[alt].contains(UInt8(ascii: ",")) {
            multiallelicSkipped += 1
            return nil
        }
        guard let position = Int(text(pos)), position >= 0 else {
            throw DataError(file: path, line: lineNumber, column: "POS", "`\(text(pos))` is not a non-negative integer position")
        }
        guard !ref.isEmpty, !alt.isEmpty else {
            throw DataError(file: path, line: lineNumber, column: ref.isEmpty ? "REF" : "ALT", "the allele is empty")
        }
        for name in ["QUAL", "FILTER", "INFO"] { _ = try field(name) }
        let format = try field("FORMAT")
        var gtIndex = -1, dsIndex = -1
        for (k, key) in line[format].split(separator: colon, omittingEmptySubsequences: false).enumerated() {
            if key.elementsEqual("GT".utf8) { gtIndex = k }
            if key.elementsEqual("DS".utf8) { dsIndex = k }
        }
        let hasDosages = dosages != nil && dsIndex >= 0
        let slash = UInt8(ascii: "/"), bar = UInt8(ascii: "|"), one = UInt8(ascii: "1"), zero = UInt8(ascii: "0")
        for s in 0..<n {
            // Fast path: a sample column that is just `a/b` or `a|b` with a, b ∈ {0, 1}.
            if gtIndex == 0 && !hasDosages && p + 3 <= line.count && (p + 3 == line.count || line[p + 3] == tab) {
                let a = line[p], separator = line[p + 1], b = line[p + 2]
                if (separator == slash || separator == bar) && (a | 1) == one && (b | 1) == one {
                    calls[s] = (a &- zero) &+ (b &- zero)
                    p += 4
                    continue
                }
            }
            guard p <= line.count else {
                throw DataError(file: path, line: lineNumber, "\(9 + s) tab-separated columns, but 9 + \(n) expected (one per sample)")
            }
            let end = line[p...].firstIndex(of: tab) ?? line.count
            calls[s] = try call(line, p..<end, gtIndex: gtIndex, sample: s)
            if hasDosages { dosages![s] = dosage(line, p..<end, index: dsIndex) }
            p = end + 1
        }
        if p <= line.count {
            throw DataError(file: path, line: lineNumber, "more than 9 + \(n) tab-separated columns (one per sample)")
        }
        let variant = VCFVariant(chromosome: VCFVariant.plinkChromosome(text(chrom)), position: position, id: text(id),
                                 reference: text(ref), alternate: text(alt))
        return (variant, hasDosages)
    }

    /// The `index`-th `:`-separated subfield of a sample column, nil when the column has fewer.
    @inline(__always)
    private func subfield(_ line: UnsafeBufferPointer<UInt8>, _ column: Range<Int>, _ index: Int) -> Range<Int>? {
        let colon = UInt8(ascii: ":")
        var a = column.lowerBound, k = 0
        while k < index {
            while a < column.upperBound && line[a] != colon { a += 1 }
            guard a < column.upperBound else { return nil }
            a += 1
            k += 1
        }
        var b = a
        while b < column.upperBound && line[b] != colon { b += 1 }
        return a..<b
    }

    /// Decodes the GT subfield of one sample column into an ALT allele count or ``missingCall``.
    @inline(__always)
    private func call(_ line: UnsafeBufferPointer<UInt8>, _ column: Range<Int>, gtIndex: Int, sample: Int) throws -> UInt8 {
        guard gtIndex >= 0, let gt = subfield(line, column, gtIndex) else { return Self.missingCall }
        // Fast path: the common diploid calls `a/b`, `a|b` with a, b ∈ {0, 1}.
        if gt.count == 3 {
            let a = line[gt.lowerBound], sep = line[gt.lowerBound + 1], b = line[gt.lowerBound + 2]
            if sep == UInt8(ascii: "/") || sep == UInt8(ascii: "|"), (a | 1) == UInt8(ascii: "1"), (b | 1) == UInt8(ascii: "1") {
                return (a &- UInt8(ascii: "0")) &+ (b &- UInt8(ascii: "0"))
            }
        }
        var alleles: [Int8] = []  // 0 REF, 1 ALT, -1 missing
        var i = gt.lowerBound
        while i < gt.upperBound {
            let c = line[i]
            if c == UInt8(ascii: ".") {
                alleles.append(-1)
                i += 1
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                var value = 0
                while i < gt.upperBound && line[i] >= UInt8(ascii: "0") && line[i] <= UInt8(ascii: "9") {
                    value = value * 10 + Int(line[i] - UInt8(ascii: "0"))
                    i += 1
                }
                guard value <= 1 else {
                    throw DataError(file: path, line: lineNumber, column: "GT of sample \(sample + 1)", "allele index \(value), but ALT lists one allele")
                }
                alleles.append(Int8(value))
            } else {
                break
            }
            guard i < gt.upperBound else { break }
            guard line[i] == UInt8(ascii: "/") || line[i] == UInt8(ascii: "|") else { break }
            i += 1
            if i == gt.upperBound { alleles = [] }
        }
        guard i == gt.upperBound, !alleles.isEmpty else {
            let shown = String(decoding: UnsafeBufferPointer(rebasing: line[gt]), as: UTF8.self)
            throw DataError(file: path, line: lineNumber, column: "GT of sample \(sample + 1)", "`\(shown)` is not a genotype call")
        }
        switch alleles.count {
        case 1:
            return alleles[0] < 0 ? Self.missingCall : UInt8(alleles[0] * 2)
        case 2:
            let (a, b) = (alleles[0], alleles[1])
            if a >= 0 && b >= 0 { return UInt8(a + b) }
            if a < 0 && b < 0 { return Self.missingCall }
            let known = UInt8(max(a, b))
            switch halfCall {
            case .error:
                throw DataError(file: path, line: lineNumber, column: "GT of sample \(sample + 1)", "half call (one allele missing); choose how to read it with --vcf-half-call missing|haploid|reference, as plink2")
            case .missing:
                halfCalls += 1
                return Self.missingCall
            case .haploid:
                halfCalls += 1
                return known * 2
            case .reference:
                halfCalls += 1
                return known
            }
        default:
            polyploidCalls += 1
            return Self.missingCall
        }
    }

    /// The DS subfield of one sample column as a number; NaN when absent, `.` or not a number.
    @inline(__always)
    private func dosage(_ line: UnsafeBufferPointer<UInt8>, _ column: Range<Int>, index: Int) -> Double {
        guard let ds = subfield(line, column, index), !ds.isEmpty, line[ds.lowerBound] != UInt8(ascii: ".") else { return .nan }
        // strtod stops at the `:` or tab that ends the subfield.
        var end: UnsafeMutablePointer<CChar>? = nil
        let value = line.baseAddress!.withMemoryRebound(to: CChar.self, capacity: line.count) { base in
            strtod(base + ds.lowerBound, &end)
        }
        return value
    }
}
