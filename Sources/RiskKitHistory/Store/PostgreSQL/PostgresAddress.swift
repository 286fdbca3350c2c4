import Foundation

/// A PostgreSQL store's address, from a `postgresql://user[:password]@host[:port]/database` URL; the password
/// comes from the URL, else `PGPASSWORD`, else the user's `~/.pgpass` (as libpq reads them), and is never shown.
public struct PostgresAddress: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// Whether `text` names a PostgreSQL store (a `postgresql://` or `postgres://` URL).
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `text`; the environment and home folder supply a password the URL lacks.
    /// - Throws: ``StoreError`` `.io` for a URL without user, host or database.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        guard Self.isAddress(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty,
              let user = url.user, !user.isEmpty else {
            throw StoreError(.io, store: Self.redacted(text),
                             "not a PostgreSQL address: expected postgresql://user@host:port/database")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw StoreError(.io, store: Self.redacted(text), "the address names no database (postgresql://user@host:port/database)")
        }
        self.user = user.removingPercentEncoding ?? user
        self.host = host
        self.port = url.port ?? 5432
        self.database = database
        password = url.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment: environment).flatMap { Self.lookUp(in: $0, host: host, port: port, database: database, user: user) }
    }

    /// The address for messages: no password.
    public var name: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    /// `text` with any password cut out, for a message about an address that does not parse.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at...])
    }

    /// The password file's text (`PGPASSFILE` or `~/.pgpass`), when it exists and is owner-only (libpq ignores a
    /// file that others can read).
    private static func passwordFile(environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !path.isEmpty, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The password of the first `host:port:database:user:password` line that matches (`*` matches anything;
    /// `\:` and `\\` are escapes), as libpq reads `.pgpass`.
    package static func lookUp(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(separator: "\n") where !line.hasPrefix("#") {
            var fields: [String] = [], field = "", escaped = false
            for c in line {
                if escaped { field.append(c); escaped = false }
                else if c == "\\" { escaped = true }
                else if c == ":" && fields.count < 4 { fields.append(field); field = "" }
                else { field.append(c) }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
