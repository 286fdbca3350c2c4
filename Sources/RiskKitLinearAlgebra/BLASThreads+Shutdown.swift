#if canImport(Glibc)
import Glibc
#endif

extension BLASThreads {
    /// Ends OpenBLAS's worker threads (`blas_thread_shutdown_`, looked up with `dlsym`: cblas.h does not declare
    /// it); OpenBLAS starts them again on its next multithreaded call. For commands that use no BLAS but run
    /// threads of their own: OpenBLAS 0.3.21 starts its workers when the library loads and they spin on
    /// `sched_yield` for about 0.1 s before sleeping, taking a core meanwhile (`openblas_set_num_threads(1)` does
    /// not stop them). Does nothing when OpenBLAS is not loaded yet (``LinearAlgebraLibrary``: no workers then) or
    /// the symbol is absent (another BLAS).
    public static func shutDownWorkers() {
        guard LinearAlgebraLibrary.openBLASIsLoaded,
              let symbol = dlsym(LinearAlgebraLibrary.openBLAS, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }
}
