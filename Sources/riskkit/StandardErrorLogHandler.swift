import Foundation
import Logging

/// The CLI's log handler: one line per message on standard error, `riskkit: message`, with `warning: ` or
/// `error: ` after the prefix at those levels. Metadata is not printed (messages never carry patient identifiers
/// or values, and neither does metadata).
struct StandardErrorLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let tag = switch event.level {
        case .trace, .debug, .info, .notice: ""
        case .warning: "warning: "
        case .error, .critical: "error: "
        }
        FileHandle.standardError.write(Data("riskkit: \(tag)\(event.message)\n".utf8))
    }
}
