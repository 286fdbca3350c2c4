
/// What each QC filter removed, one step per filter in the order applied (counts only, never IDs).
public struct QCReport: Sendable, Equatable, CustomStringConvertible {
    /// One filter's effect.
    public struct Step: Sendable, Equatable {
        /// The flag, e.g. `--maf 0.01`.
        public var filter: String
        /// Samples this filter removed.
        public var samplesRemoved: Int
        /// Variants this filter removed.
        public var variantsRemoved: Int
        /// Samples left after it.
        public var samplesRemaining: Int
        /// Variants left after it.
        public var variantsRemaining: Int
        /// Entries of an ID file that named nothing in the fileset (0 for threshold filters).
        public var unmatchedEntries: Int
    }

    /// Samples before any filter.
    public var initialSamples: Int
    /// Variants before any filter.
    public var initialVariants: Int
    /// Steps in order of application.
    public var steps: [Step]

    /// One line per filter, e.g. `--geno 0.1: 3 variants removed (34 remaining)`.
    public var lines: [String] {
        steps.map { s in
            var parts: [String] = []
            let samplesFilter = ["--keep", "--remove", "--mind"].contains { s.filter.hasPrefix($0) }
            if samplesFilter {
                parts.append("\(s.samplesRemoved) sample\(s.samplesRemoved == 1 ? "" : "s") removed (\(s.samplesRemaining) remaining)")
            } else {
                parts.append("\(s.variantsRemoved) variant\(s.variantsRemoved == 1 ? "" : "s") removed (\(s.variantsRemaining) remaining)")
            }
            if s.unmatchedEntries > 0 {
                parts.append("\(s.unmatchedEntries) ID\(s.unmatchedEntries == 1 ? "" : "s") in the file matched nothing")
            }
            return s.filter + ": " + parts.joined(separator: "; ")
        }
    }

    /// The lines joined with newlines.
    public var description: String { lines.joined(separator: "\n") }
}
