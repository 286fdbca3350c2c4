import Foundation

/// The bytes of one CSV input, owned for the reader's lifetime: a read-only `mmap` of a file, or a heap copy of
/// bytes given in memory. A class because it owns a resource that is released (`munmap`/deallocate) exactly once.
final class CSVBytes: @unchecked Sendable {
    /// First byte (a valid, never-read address when `count` is 0).
    let base: UnsafePointer<UInt8>
    /// Number of bytes.
    let count: Int
    private let isMapped: Bool

    /// Maps the file at `path` read-only (`open`, `fstat`, `mmap` with `MAP_PRIVATE`).
    /// - Throws: `InputFileError` when the file cannot be opened or is not a regular file.
    init(path: String) throws(InputFileError) {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw InputFileError(path: path, errorNumber: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw InputFileError(path: path, errorNumber: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputFileError(path: path, errorNumber: EISDIR) }
        let size = Int(info.st_size)
        if size == 0 {
            base = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
            count = 0
            isMapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw InputFileError(path: path, errorNumber: errno)
        }
        // The reader walks the file front to back: ask the kernel for aggressive read-ahead.
        _ = madvise(address, size, Int32(MADV_SEQUENTIAL))
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        count = size
        isMapped = true
    }

    /// Copies `bytes` into storage owned by this object.
    init(copying bytes: [UInt8]) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { storage.initialize(from: source, count: buffer.count) }
        }
        base = UnsafePointer(storage)
        count = bytes.count
        isMapped = false
    }

    /// Tells the kernel the mapped pages wholly inside `range` are no longer needed, so streaming a file far larger
    /// than memory keeps a bounded resident set (`madvise(MADV_DONTNEED)`; pages are re-read from the file if touched
    /// again). Returns the offset up to which pages were released.
    func release(_ range: Range<Int>) -> Int {
        guard isMapped else { return range.upperBound }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED))
        }
        return max(end, range.lowerBound)
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
