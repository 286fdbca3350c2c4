import Foundation
import Testing
import RiskKit

/// A history-store backend the store tests run on: SQLite always; PostgreSQL when `RISKKIT_TEST_POSTGRES_URL` names
/// a server (`.ci/with-postgres` starts a throw-away one), each test in a database of its own.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The backends available in this run.
    static var available: [StoreBackend] {
        ProcessInfo.processInfo.environment["RISKKIT_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A new, empty store's location: a file in a fresh folder, or a fresh database on the test server.
    func newLocation() throws -> String {
        switch self {
        case .sqlite:
            return try temporaryFolder() + "/history.sqlite"
        case .postgres:
            let server = ProcessInfo.processInfo.environment["RISKKIT_TEST_POSTGRES_URL"]!
            let database = "riskkit_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try Self.psql(server, "CREATE DATABASE \(database)")
            return server.replacingOccurrences(of: "/postgres", with: "/" + database)
        }
    }

    /// Opens the store at `location`.
    func open(_ location: String) async throws -> any HistoryStore {
        switch self {
        case .sqlite: try SQLiteHistoryStore(path: location)
        case .postgres: try await PostgresHistoryStore.connect(PostgresAddress(location))
        }
    }

    /// Runs one SQL statement on `location` with `psql` (or `sqlite3`), for what the stores do not offer: marking
    /// a store as written by a newer RiskKit.
    func execute(_ sql: String, at location: String) throws {
        switch self {
        case .sqlite: try Self.run("/usr/bin/sqlite3", [location, sql])
        case .postgres: try Self.psql(location, sql)
        }
    }

    private static func psql(_ url: String, _ sql: String) throws {
        try run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError(.io, store: arguments[0], "\(tool) exited with \(process.terminationStatus)")
        }
    }
}
