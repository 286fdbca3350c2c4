import Foundation

/// Bad input data: a file that exists but whose content cannot be used.
///
/// The message names the file, the 1-based line and the column (or field) when they are known, so a user can
/// go straight to the cell. The ``code`` says what kind of problem it is, so a caller can map it to its own words
/// and status; messages never name a command-line flag (the command-line tool exits with 65, `EX_DATAERR`, for bad
/// data and 64, `EX_USAGE`, for a setting that does not fit).
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is (``Code/invalidData`` unless a more specific code is known).
    public var code: Code
    /// The file the problem was found in, if any (`nil` for data given on the command line or stdin).
    public var file: String?
    /// 1-based line number in `file`, if the problem is tied to one line.
    public var line: Int?
    /// The column or field name the problem is tied to, if any.
    public var column: String?
    /// What is wrong, phrased so the user can fix it.
    public var message: String

    /// Creates a data error; `file`, `line` and `column` are optional locators.
    public init(code: Code = .invalidData, file: String? = nil, line: Int? = nil, column: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: column `c`: message`, with the parts that are known.
    public var description: String {
        var where_ = ""
        if let file { where_ += file }
        if let line { where_ += (where_.isEmpty ? "line \(line)" : ":\(line)") }
        var text = where_.isEmpty ? "" : where_ + ": "
        if let column { text += "column `\(column)`: " }
        return text + message
    }
}

/// An input file that does not exist or cannot be opened for reading (the CLI exits with 66, `EX_NOINPUT`).
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as given by the user.
    public var path: String
    /// The reason from the operating system (for example "No such file or directory").
    public var reason: String
    /// The `errno` of the failed system call (`open`, `fstat`, `mmap`, `read`), or `nil` when the failure was
    /// reported another way.
    public var errorNumber: Int32?

    /// Creates the error for `path` with the system's `reason` and, when known, its `errno`.
    public init(path: String, reason: String, errorNumber: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.errorNumber = errorNumber
    }

    /// The error for a system call on `path` that failed with `errorNumber` (read `errno` right after the call);
    /// the reason is `strerror(errorNumber)`.
    package init(path: String, errorNumber: Int32) {
        self.init(path: path, reason: String(cString: strerror(errorNumber)), errorNumber: errorNumber)
    }

    public var description: String { "cannot open \(path): \(reason)" }
}

/// A failure writing an output file (the CLI exits with 74, `EX_IOERR`).
public struct OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The destination path.
    public var path: String
    /// The reason from the operating system.
    public var reason: String

    /// Creates the error for `path` with the system's `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
