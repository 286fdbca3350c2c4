import Foundation
import Testing

/// A history-store backend the store tests run on: SQLite always; PostgreSQL when `RISKKIT_TEST_POSTGRES_URL` names
/// a server (`.ci/with-postgres` starts a throw-away one), each test in a database of its own.
public enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    /// The backends available in this run.
    public static var available: [StoreBackend] {
        ProcessInfo.processInfo.environment["RISKKIT_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A new, empty store's location: a file in a fresh folder, or a fresh database on the test server.
    public func newLocation() throws -> String {
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

    /// Runs one SQL statement on `location` with `psql` (or `sqlite3`), for what the stores do not offer: marking
    /// a store as written by a newer RiskKit.
    public func execute(_ sql: String, at location: String) throws {
        switch self {
        case .sqlite: try Self.run("/usr/bin/sqlite3", [location, sql])
        case .postgres: try Self.psql(location, sql)
        }
    }

    /// The rows of one SQL query on `location`, with `sqlite3` or `psql`: one line per row, fields joined by `|`.
    public func query(_ sql: String, at location: String) throws -> [String] {
        let output = switch self {
        case .sqlite: try Self.run("/usr/bin/sqlite3", ["-batch", "-noheader", location, sql])
        case .postgres: try Self.run("/usr/bin/psql", [location, "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", sql])
        }
        return output.split(separator: "\n").map(String.init)
    }

    private static func psql(_ url: String, _ sql: String) throws {
        try run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
    }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(tool: tool, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A command-line tool that exited with a failure status.
public struct CommandFailure: Error, CustomStringConvertible {
    public var tool: String
    public var status: Int32
    public var description: String { "\(tool) exited with \(status)" }
}
