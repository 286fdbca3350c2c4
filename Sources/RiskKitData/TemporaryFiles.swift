import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The temporary files this process is writing (``AtomicFileWriter``), so that they can be removed when the
/// process is interrupted: a killed `--out` run must not leave a hidden file holding patient data.
package enum TemporaryFiles {
    /// The paths of the temporary files not yet committed or abandoned.
    private static let live = Mutex<Set<String>>([])
    /// The signal sources, kept alive for the life of the process.
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Records a temporary file.
    package static func register(_ path: String) { live.withLock { _ = $0.insert(path) } }

    /// Forgets a temporary file (committed or removed).
    package static func unregister(_ path: String) { live.withLock { _ = $0.remove(path) } }

    /// On SIGINT, SIGTERM or SIGHUP, removes every live temporary file, then ends the process by the same signal
    /// (so its exit status still says it was interrupted). Call once, early; later calls do nothing.
    ///
    /// The removal runs on a dispatch queue, not in a signal handler, so it may take the registry's lock.
    package static func removeOnInterrupt() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                // Dispatch receives the signal only when its default action (ending the process) is off.
                Glibc.signal(signal, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
                source.setEventHandler {
                    let paths = live.withLock { paths in
                        defer { paths.removeAll() }
                        return paths
                    }
                    for path in paths { unlink(path) }
                    // Process-directed, so a thread that does not block the signal takes it (dispatch's threads do).
                    Glibc.signal(signal, SIG_DFL)
                    kill(getpid(), signal)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
