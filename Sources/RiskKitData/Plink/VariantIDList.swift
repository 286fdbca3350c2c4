
/// A PLINK variant ID file (for `--extract` / `--exclude`): every whitespace-separated token is a variant ID.
public struct VariantIDList: Sendable, Equatable {
    /// The IDs in file order (duplicates kept).
    public var ids: [String]

    /// A list of IDs already in memory.
    package init(ids: [String]) { self.ids = ids }

    /// Reads `path`.
    /// - Throws: ``InputFileError`` if it cannot be read.
    public init(path: String) throws {
        ids = try PlinkTextFile(path: path).lines.flatMap(\.tokens)
    }

    /// Which of `variants` the file names (all variants sharing a listed ID match) and how many distinct listed
    /// IDs named no variant.
    public func matches(_ variants: [PlinkVariant]) -> (named: [Bool], unmatchedEntries: Int) {
        let wanted = Set(ids)
        var found = Set<String>()
        let named = variants.map { v in
            if wanted.contains(v.id) { found.insert(v.id); return true }
            return false
        }
        return (named, wanted.count - found.count)
    }
}
