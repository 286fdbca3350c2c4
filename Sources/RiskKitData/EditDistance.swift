/// Edit (Levenshtein) distance between names, to suggest the name a user probably meant.
package enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`, compared by
    /// Unicode scalar; dynamic programming over one row, O(|a|·|b|) time, O(|b|) memory.
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = Swift.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    /// The candidate nearest to `name` ignoring case, if it is near enough to be a likely typo: at most
    /// `max(2, n / 3)` edits away, `n` the length of the longer of the two names. Ties go to the earlier candidate.
    package static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = name.lowercased()
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            let d = between(target, candidate.lowercased())
            let limit = Swift.max(2, Swift.max(name.count, candidate.count) / 3)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best else { return nil }
        return best.name
    }
}
