import ArgumentParser

/// What `score` does with a batch row it cannot score (`--on-error`).
enum BadRowHandling: String, ExpressibleByArgument, CaseIterable {
    /// Stop at the row: the rows before it are written, the run exits 65 naming file, line and field.
    case stop
    /// Leave the row out, count it, and list it in the rejects file; the run goes on and exits 0.
    case skip
}
