import RiskKit
import RiskKitTestSupport

extension StoreBackend {
    /// Opens the store at `location`.
    func open(_ location: String) async throws -> any HistoryStore {
        switch self {
        case .sqlite: try SQLiteHistoryStore(path: location)
        case .postgres: try await PostgresHistoryStore.connect(PostgresAddress(location))
        }
    }

}
