/// A dense matrix of `Double` stored in column-major order (BLAS/LAPACK's native layout).
///
/// Element `(i, j)` lives at `storage[i + j * rows]`. The leading dimension is always `rows`.
/// `Matrix` is a value type backed by a Swift array, so it is copy-on-write; kernels that
/// write into a matrix should keep it uniquely owned and pass it `inout`.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column-major elements: `storage[i + j * rows]` is element `(i, j)`. Read-only: write through the subscript,
    /// ``setColumn(_:_:)`` or ``withUnsafeMutableBufferPointer(_:)``, so `rows × columns` always matches.
    @inlinable public var storage: [Double] { elements }
    /// The stored column-major elements.
    @usableFromInline var elements: [Double]

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// Wraps existing column-major storage; `storage.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not match \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = storage
    }

    /// Builds a matrix from an array of rows (convenient for small literals in tests).
    public init(rowMajor values: [[Double]]) {
        let r = values.count
        let c = values.first?.count ?? 0
        var m = Matrix(rows: r, columns: c)
        for i in 0..<r {
            precondition(values[i].count == c, "ragged row \(i)")
            for j in 0..<c { m[i, j] = values[i][j] }
        }
        self = m
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element access; `(row, column)`, zero-based.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// Calls `body` with the column-major elements for writing in place (element `(i, j)` at `i + j·rows`): the
    /// entry point for kernels and LAPACK calls that fill or overwrite a matrix. Keep the matrix uniquely owned,
    /// or the first write copies it. `body` must not replace the buffer.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try elements.withUnsafeMutableBufferPointer(body)
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j` with `values` (`values.count == rows`).
    public mutating func setColumn(_ j: Int, _ values: [Double]) {
        precondition(values.count == rows, "column length \(values.count) ≠ rows \(rows)")
        elements.withUnsafeMutableBufferPointer { buf in
            for i in 0..<rows { buf[i + j * rows] = values[i] }
        }
    }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }

    /// The transpose (a copy).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// Copies the lower triangle of a square matrix onto its upper triangle (after `dsyrk`/`dpotri`).
    public mutating func symmetrizeFromLower() {
        precondition(rows == columns, "symmetrize needs a square matrix")
        let n = rows
        elements.withUnsafeMutableBufferPointer { a in
            for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { a[j + i * n] = a[i + j * n] } }
        }
    }
}
