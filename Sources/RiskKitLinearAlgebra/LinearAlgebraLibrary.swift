#if canImport(Glibc)
import Glibc
#endif
internal import COpenBLAS
internal import CLAPACKE

/// OpenBLAS and LAPACKE, loaded with `dlopen` when a routine is first called instead of when the process starts.
///
/// Linked the usual way, the two libraries cost every `riskkit` run about 6 ms before `main`: the dynamic loader
/// resolves some 25,000 symbols of OpenBLAS, LAPACK and libgfortran, and OpenBLAS 0.3.21 starts its worker threads,
/// which then spin on `sched_yield` for about 0.1 s. Most runs (scoring a patient, `inspect`, `simulate`) call no
/// BLAS at all. So the package links neither (`COpenBLAS` and `CLAPACKE` provide headers only) and each routine is
/// looked up here, once, from the libraries' stable sonames.
///
/// Load order is the one linking gave: `libopenblas.so.0` first, `RTLD_GLOBAL`, so LAPACKE's calls into LAPACK
/// resolve to OpenBLAS's routines exactly as before (results are bit-identical), then `liblapacke.so.3`.
enum LinearAlgebraLibrary {
    /// The OpenBLAS soname (Debian package libopenblas0, through the libblas/liblapack alternatives).
    static let openBLASName = "libopenblas.so.0"
    /// The LAPACKE soname (Debian package liblapacke).
    static let lapackeName = "liblapacke.so.3"

    /// The OpenBLAS handle, opened on first use (a `static let`: initialised once, thread-safely).
    nonisolated(unsafe) static let openBLAS: UnsafeMutableRawPointer = open(openBLASName)
    /// The LAPACKE handle, opened after OpenBLAS.
    nonisolated(unsafe) static let lapacke: UnsafeMutableRawPointer = {
        _ = openBLAS
        return open(lapackeName)
    }()

    /// Whether OpenBLAS is loaded already (by an earlier call), without loading it.
    static var openBLASIsLoaded: Bool {
        guard let handle = dlopen(openBLASName, RTLD_NOW | RTLD_NOLOAD) else { return false }
        dlclose(handle)  // balances the reference RTLD_NOLOAD took
        return true
    }

    /// `dlopen`s `name`; a library that cannot be loaded ends the process with a message naming the Debian
    /// package to install (exit 69, EX_UNAVAILABLE): no result can be computed without it.
    private static func open(_ name: String) -> UnsafeMutableRawPointer {
        if let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) { return handle }
        unavailable("cannot load \(name) (\(dlerror().map { String(cString: $0) } ?? "not found")); install the Debian packages libopenblas0 and liblapacke")
    }

    /// The routine `name` of the library `handle`, as a C function of type `F`.
    static func routine<F>(_ name: String, in handle: UnsafeMutableRawPointer, as type: F.Type = F.self) -> F {
        guard let address = dlsym(handle, name) else {
            unavailable("\(name) is missing from the loaded BLAS/LAPACK libraries (OpenBLAS 0.3 and LAPACKE 3 are needed)")
        }
        return unsafeBitCast(address, to: F.self)
    }

    private static func unavailable(_ message: String) -> Never {
        let line = Array("riskkit: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(69)
    }
}

/// The CBLAS and OpenBLAS routines RiskKit calls, resolved from OpenBLAS on first use (signatures as in cblas.h).
enum CBLAS {
    typealias Index = Int32
    nonisolated(unsafe) static let dgemm: @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Index, Index, Index, Double, UnsafePointer<Double>?, Index,
        UnsafePointer<Double>?, Index, Double, UnsafeMutablePointer<Double>?, Index
    ) -> Void = routine("cblas_dgemm")
    nonisolated(unsafe) static let dgemv: @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, Index, Index, Double, UnsafePointer<Double>?, Index, UnsafePointer<Double>?,
        Index, Double, UnsafeMutablePointer<Double>?, Index
    ) -> Void = routine("cblas_dgemv")
    nonisolated(unsafe) static let dsyrk: @convention(c) (
        CBLAS_ORDER, CBLAS_UPLO, CBLAS_TRANSPOSE, Index, Index, Double, UnsafePointer<Double>?, Index, Double,
        UnsafeMutablePointer<Double>?, Index
    ) -> Void = routine("cblas_dsyrk")
    nonisolated(unsafe) static let dtrsm: @convention(c) (
        CBLAS_ORDER, CBLAS_SIDE, CBLAS_UPLO, CBLAS_TRANSPOSE, CBLAS_DIAG, Index, Index, Double, UnsafePointer<Double>?,
        Index, UnsafeMutablePointer<Double>?, Index
    ) -> Void = routine("cblas_dtrsm")
    nonisolated(unsafe) static let ddot: @convention(c) (Index, UnsafePointer<Double>?, Index, UnsafePointer<Double>?, Index)
        -> Double = routine("cblas_ddot")
    nonisolated(unsafe) static let daxpy: @convention(c) (
        Index, Double, UnsafePointer<Double>?, Index, UnsafeMutablePointer<Double>?, Index
    ) -> Void = routine("cblas_daxpy")
    nonisolated(unsafe) static let dnrm2: @convention(c) (Index, UnsafePointer<Double>?, Index) -> Double
        = routine("cblas_dnrm2")
    nonisolated(unsafe) static let idamax: @convention(c) (Index, UnsafePointer<Double>?, Index) -> Int
        = routine("cblas_idamax")
    nonisolated(unsafe) static let setNumThreads: @convention(c) (Int32) -> Void = routine("openblas_set_num_threads")
    nonisolated(unsafe) static let getNumThreads: @convention(c) () -> Int32 = routine("openblas_get_num_threads")

    private static func routine<F>(_ name: String) -> F {
        LinearAlgebraLibrary.routine(name, in: LinearAlgebraLibrary.openBLAS)
    }
}

/// The LAPACKE routines RiskKit calls, resolved from LAPACKE on first use (signatures as in lapacke.h, 32-bit
/// `lapack_int`; the layout argument is always `LAPACK_COL_MAJOR`).
enum LAPACKE {
    typealias LInt = Int32
    nonisolated(unsafe) static let dpotrf: @convention(c) (Int32, CChar, LInt, UnsafeMutablePointer<Double>?, LInt) -> LInt
        = routine("LAPACKE_dpotrf")
    nonisolated(unsafe) static let dpotrs: @convention(c) (
        Int32, CChar, LInt, LInt, UnsafePointer<Double>?, LInt, UnsafeMutablePointer<Double>?, LInt
    ) -> LInt = routine("LAPACKE_dpotrs")
    nonisolated(unsafe) static let dpotri: @convention(c) (Int32, CChar, LInt, UnsafeMutablePointer<Double>?, LInt) -> LInt
        = routine("LAPACKE_dpotri")
    nonisolated(unsafe) static let dpstrf: @convention(c) (
        Int32, CChar, LInt, UnsafeMutablePointer<Double>?, LInt, UnsafeMutablePointer<LInt>?, UnsafeMutablePointer<LInt>?,
        Double
    ) -> LInt = routine("LAPACKE_dpstrf")
    nonisolated(unsafe) static let dgeqrf: @convention(c) (
        Int32, LInt, LInt, UnsafeMutablePointer<Double>?, LInt, UnsafeMutablePointer<Double>?
    ) -> LInt = routine("LAPACKE_dgeqrf")
    nonisolated(unsafe) static let dorgqr: @convention(c) (
        Int32, LInt, LInt, LInt, UnsafeMutablePointer<Double>?, LInt, UnsafePointer<Double>?
    ) -> LInt = routine("LAPACKE_dorgqr")
    nonisolated(unsafe) static let dgesvd: @convention(c) (
        Int32, CChar, CChar, LInt, LInt, UnsafeMutablePointer<Double>?, LInt, UnsafeMutablePointer<Double>?,
        UnsafeMutablePointer<Double>?, LInt, UnsafeMutablePointer<Double>?, LInt, UnsafeMutablePointer<Double>?
    ) -> LInt = routine("LAPACKE_dgesvd")
    nonisolated(unsafe) static let dsyevr: @convention(c) (
        Int32, CChar, CChar, CChar, LInt, UnsafeMutablePointer<Double>?, LInt, Double, Double, LInt, LInt, Double,
        UnsafeMutablePointer<LInt>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, LInt,
        UnsafeMutablePointer<LInt>?
    ) -> LInt = routine("LAPACKE_dsyevr")

    private static func routine<F>(_ name: String) -> F {
        LinearAlgebraLibrary.routine(name, in: LinearAlgebraLibrary.lapacke)
    }
}
