
/// A PLINK sample ID file (for `--keep` / `--remove`), read with plink2's rules.
///
/// An optional header line `#FID IID …` or `#IID …` names the columns. Without a header, a line with one token is
/// an IID and a line with two or more tokens starts `FID IID`. Following plink2, an IID given without a FID
/// stands for family `0`, so it matches only samples whose FID is `0`. Further columns are ignored.
public struct SampleIDList: Sendable, Equatable {
    /// (FID, IID) pairs in file order.
    public var ids: [(familyID: String, individualID: String)] { pairs.map { ($0.familyID, $0.individualID) } }
    private var pairs: [Pair]

    private struct Pair: Sendable, Hashable {
        var familyID: String
        var individualID: String
        init(_ f: String, _ i: String) { familyID = f; individualID = i }
    }

    /// Reads `path`.
    /// - Throws: ``InputFileError`` if it cannot be read.
    public init(path: String) throws {
        let file = try PlinkTextFile(path: path)
        var lines = file.lines[...]
        var iidOnly: Bool?
        if let first = lines.first, let head = first.tokens.first {
            if head == "#FID" { iidOnly = false; lines = lines.dropFirst() }
            else if head == "#IID" { iidOnly = true; lines = lines.dropFirst() }
        }
        pairs = lines.map { line in
            let t = line.tokens
            if iidOnly == true || (iidOnly == nil && t.count == 1) { return Pair("0", t[0]) }
            return Pair(t[0], t.count > 1 ? t[1] : t[0])
        }
    }

    /// Which of `samples` the file names (a flag per sample) and how many file entries named no sample.
    public func matches(_ samples: [PlinkSample]) -> (named: [Bool], unmatchedEntries: Int) {
        let wanted = Set(pairs)
        var found = Set<Pair>()
        let named = samples.map { s in
            let p = Pair(s.familyID, s.individualID)
            if wanted.contains(p) { found.insert(p); return true }
            return false
        }
        return (named, wanted.subtracting(found).count)
    }

    public static func == (a: SampleIDList, b: SampleIDList) -> Bool { a.pairs == b.pairs }
}
