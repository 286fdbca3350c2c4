import RiskKit

/// The rows a batch left out (`--on-error skip`): counted by kind for the summary on standard error, and, with
/// `--rejects FILE`, written to that file as CSV `line,id,field,reason`. The file holds patient ids, so it is
/// written like `--out`: owner-only, through a temporary file that is removed on failure or on a signal, and
/// renamed into place only when the run succeeds.
final class RejectsFile {
    private let sink: OutputSink?
    /// How many rows of each kind were left out.
    private(set) var counts: [PatientReject.Kind: Int] = [:]

    /// Opens the file at `path` (nil: count only).
    init(path: String?) throws {
        sink = try path.map { try OutputSink(path: $0) }
        try sink?.write("line,id,field,reason\n")
    }

    /// The number of rows left out.
    var total: Int { counts.values.reduce(0, +) }

    /// Counts and writes `rejects`, in the order given.
    func add(_ rejects: some Sequence<PatientReject>) throws {
        for reject in rejects {
            counts[reject.kind, default: 0] += 1
            guard let sink else { continue }
            let fields = [reject.line.map(String.init) ?? "", reject.id ?? "", reject.field ?? "", reject.reason]
            try sink.write(fields.map(csvField).joined(separator: ",") + "\n")
        }
    }

    /// "skipped 3 rows: 2 implausible value, 1 duplicate id" (largest count first), or nil when none was; no ids
    /// or values.
    var summary: String? {
        guard total > 0 else { return nil }
        let kinds = PatientReject.Kind.allCases.enumerated().filter { counts[$1] != nil }
            .sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
        return "skipped \(total) row\(total == 1 ? "" : "s"): " + kinds.map { "\(counts[$0]!) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// Moves the file into place.
    func commit() throws { try sink?.commit() }

    /// Drops the partial file.
    func abandon() { sink?.abandon() }
}
