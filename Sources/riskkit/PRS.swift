import ArgumentParser

struct PRS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prs",
        abstract: "Polygenic risk scores from PLINK 1 filesets.",
        subcommands: [PRSScore.self, PRSBuild.self])
}
