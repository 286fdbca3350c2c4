import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old file or the complete new one, never a partial file.
///
/// The bytes go to a temporary file in the destination's folder (created with the requested permissions),
/// are flushed with `fsync`, then `rename(2)`d over the destination. On any failure the temporary file is removed.
public enum AtomicFile {
    /// Permissions for files holding patient data: owner read/write only.
    public static let ownerOnly: mode_t = 0o600
    /// Permissions for files without patient data.
    public static let shared: mode_t = 0o644

    /// Writes `bytes` to `path` atomically with the given permissions.
    /// - Throws: ``OutputFileError`` naming the path and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = shared) throws {
        let writer = try AtomicFileWriter(path: path, permissions: permissions)
        do {
            try writer.write(bytes)
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }
}

/// An output file being written incrementally; it appears at its path only on ``commit()``.
///
/// Use it for streaming output (scores for a whole clinic): write chunks as they are produced, then commit;
/// call ``abandon()`` on error so no partial file is left behind.
public final class AtomicFileWriter {
    /// The final destination.
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Opens a temporary file next to `path` with the given permissions.
    public init(path: String, permissions: mode_t = AtomicFile.shared) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var tmp = ""
        var fd: Int32 = -1
        for attempt in 0..<100 {
            tmp = folder + "/." + name + ".tmp-\(getpid())-\(attempt)"
            // Registered before it exists, so that an interrupt between creating and registering cannot leave it.
            TemporaryFiles.register(tmp)
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { break }
            let failure = errno
            TemporaryFiles.unregister(tmp)
            errno = failure
            if failure != EEXIST { break }
        }
        guard fd >= 0 else { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
        // The umask may have cleared bits we asked for; it can never add any, so owner-only stays owner-only.
        fchmod(fd, permissions)
        temporaryPath = tmp
        descriptor = fd
    }

    deinit { if !finished { abandon() } }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try Self.write(bytes, to: descriptor, path: path)
    }

    /// Writes all of `bytes` to the open descriptor `fd` with `write(2)`, resuming after partial writes and
    /// interruptions; `path` names it in the error.
    /// - Throws: ``OutputFileError`` with the system's reason.
    public static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes and renames the temporary file onto the destination.
    public func commit() throws {
        guard !finished else { return }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw OutputFileError(path: path, reason: reason)
        }
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw OutputFileError(path: path, reason: reason)
        }
        TemporaryFiles.unregister(temporaryPath)
        finished = true
    }

    /// Discards the temporary file; the destination is left as it was.
    public func abandon() {
        guard !finished else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
        finished = true
    }
}
