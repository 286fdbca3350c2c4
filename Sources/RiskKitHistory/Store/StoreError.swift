/// Why a history store cannot be used; ``code`` tells a caller (the command-line tool maps it to an exit status).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the manner of SQLite's result codes.
    public enum Code: Int32, Sendable {
        /// Another process holds the store (a run in progress): try again later.
        case busy = 1
        /// The store was written by a newer RiskKit (a schema this one does not know).
        case newerSchema = 2
        /// The store cannot be opened, read or written (permissions, disk full, not a database).
        case io = 3
        /// The store's content contradicts itself (a stored value this RiskKit cannot read).
        case corrupt = 4
    }

    /// The kind of failure.
    public var code: Code
    /// The store (path or address without credentials).
    public var store: String
    /// What happened, for people; never holds a patient id or value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, store: String, _ message: String) {
        self.code = code
        self.store = store
        self.message = message
    }

    public var description: String { "\(store): \(message)" }
}
