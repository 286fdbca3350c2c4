/// Opening a history store by its location, as a user gives it.
public enum HistoryStores {
    /// The store at `location`: a `postgresql://` (or `postgres://`) URL connects to a PostgreSQL server
    /// (``PostgresHistoryStore``; credentials from the URL, `PGPASSWORD` or `~/.pgpass`), anything else is the path
    /// of an SQLite file (``SQLiteHistoryStore``), created on first use.
    /// - Throws: ``StoreError`` as the store's opening does.
    public static func open(_ location: String) async throws(StoreError) -> any HistoryStore {
        if PostgresAddress.isAddress(location) {
            return try await PostgresHistoryStore.connect(PostgresAddress(location))
        }
        return try SQLiteHistoryStore(path: location)
    }
}
