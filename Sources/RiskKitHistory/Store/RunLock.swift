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

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
