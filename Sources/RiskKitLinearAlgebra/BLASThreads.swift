internal import COpenBLAS

/// Controls the number of threads OpenBLAS uses (pthreads build).
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (`openblas_set_num_threads`). Values below 1 are clamped to 1.
    public static func set(_ count: Int) {
        CBLAS.setNumThreads(Int32(Swift.max(1, count)))
    }

    /// The number of threads OpenBLAS will use (`openblas_get_num_threads`).
    public static var current: Int { Int(CBLAS.getNumThreads()) }
}
