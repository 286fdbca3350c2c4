import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A whole file mapped read-only into memory with `mmap(2)`; unmapped when the last reference goes away.
///
/// The mapping is never written, so sharing it between threads is safe.
package final class MappedFile: @unchecked Sendable {
    /// The path as given.
    let path: String
    /// File size in bytes.
    let count: Int
    private let base: UnsafeRawPointer?

    /// Maps `path` (`PROT_READ`, `MAP_PRIVATE`).
    /// - Throws: ``InputFileError`` when the file cannot be opened, examined or mapped.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError(path: path, errorNumber: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputFileError(path: path, errorNumber: errno) }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            return
        }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw InputFileError(path: path, errorNumber: errno)
        }
        base = UnsafeRawPointer(p)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The bytes `offset..<offset+length` (must lie inside the file); valid while `self` is alive.
    @inline(__always)
    package func bytes(offset: Int, length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: length)
    }
}
