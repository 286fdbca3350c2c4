import ArgumentParser
import RiskKit

/// `--store`, as every `history` subcommand takes it.
struct HistoryStoreOption: ParsableArguments {
    @Option(help: "The history store: an SQLite file path, or postgresql://user@host:port/database.") var store: String

    /// Opens the store, runs `body` with it, and closes it, however `body` ends.
    func using<T>(_ body: (any HistoryStore) async throws -> T) async throws -> T {
        let history = try await HistoryStores.open(store)
        do {
            let result = try await body(history)
            await history.close()
            return result
        } catch {
            await history.close()
            throw error
        }
    }
}
