/// A benchmark's `--flag value` options, read with fallbacks (unknown or malformed values give the fallback).
struct BenchmarkArguments {
    let arguments: [String]

    init(_ arguments: [String]) { self.arguments = arguments }

    /// The integer after `flag`, or `fallback`.
    func integer(_ flag: String, _ fallback: Int) -> Int {
        text(flag).flatMap { Int($0) } ?? fallback
    }

    /// The word after `flag`, or nil.
    func text(_ flag: String) -> String? {
        guard let k = arguments.firstIndex(of: flag), k + 1 < arguments.count else { return nil }
        return arguments[k + 1]
    }
}
