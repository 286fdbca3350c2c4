import ArgumentParser
import Foundation

/// `--threads`, shared by the heavy subcommands, with one default: the number of processors.
struct ThreadOptions: ParsableArguments {
    @Option(help: "Worker threads, one per processor unless given.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }
}
