import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer per store: an exclusive `flock` on a lock file beside the store (owner-only), which the kernel
/// releases when the process ends, however it ends, so a killed run never leaves the store locked.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock on `path`, waiting up to `wait` seconds (0: not at all) for another holder to let go.
    /// - Throws: ``StoreError`` `.busy` when another process keeps it; `.io` when the file cannot be opened.
    public init(path: String, store: String, wait: Double = 0) throws(StoreError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(.io, store: store, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Self.now() + max(0, wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw StoreError(.io, store: store, "cannot lock \(path): \(reason)")
            }
            guard Self.now() < deadline else {
                close(fd)
                throw StoreError(.busy, store: store, "another riskkit process is writing to this store")
            }
            usleep(50_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether a process holds the lock on `path`, found without taking it: the kernel's table of file locks
    /// (`/proc/locks`) lists a `FLOCK` on the file's device and inode. False when there is no such file (or no
    /// such table: not Linux).
    public static func isHeld(path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return false
        }
        // Fields: `1: FLOCK  ADVISORY  WRITE 1234 08:01:56789 0 EOF`, the device as major:minor in hex.
        let device = UInt64(info.st_dev)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff), minor = (device & 0xff) | ((device >> 12) & ~0xff)
        let file = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(info.st_ino))
        return table.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 6 && fields[1] == "FLOCK" && fields[5] == file
        }
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
