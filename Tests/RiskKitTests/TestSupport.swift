import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels

/// Path of a committed fixture file.
func fixturePath(_ name: String) -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return url.path
}

/// A fresh temporary folder for one test, inside this test process's own folder, which is removed when the
/// process exits.
func temporaryFolder() throws -> String {
    let path = temporaryRoot + "/" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `riskkit-test-PID` in the system's temporary folder, registered for removal at exit on first use.
private let temporaryRoot: String = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "riskkit-test-\(getpid())") }
    return NSTemporaryDirectory() + "riskkit-test-\(getpid())"
}()

/// The `DataError` thrown by `body`, or `nil`.
func dataError(_ body: () async throws -> Void) async -> DataError? {
    do {
        try await body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

/// The `DataError` thrown by `body`, or `nil`.
func dataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}
