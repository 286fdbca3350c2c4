import Foundation

/// A fresh temporary folder for one test, inside this test process's own folder, which is removed when the
/// process exits.
public func temporaryFolder() throws -> String {
    let path = temporaryRoot + "/" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `riskkit-test-PID` in the system's temporary folder, registered for removal at exit on first use.
private let temporaryRoot: String = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "riskkit-test-\(getpid())") }
    return NSTemporaryDirectory() + "riskkit-test-\(getpid())"
}()
