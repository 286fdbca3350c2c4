import Foundation

/// Messages for the user on standard error (never patient identifiers or values).
enum Log {
    static func info(_ message: String) { FileHandle.standardError.write(Data(("riskkit: " + message + "\n").utf8)) }
    static func error(_ message: String) { FileHandle.standardError.write(Data(("riskkit: error: " + message + "\n").utf8)) }
}
