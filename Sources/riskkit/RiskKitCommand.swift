import ArgumentParser
import RiskKit

@main
struct RiskKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskkit",
        abstract: "Train, evaluate and apply disease-risk models; turn risk into prevention recommendations.",
        discussion: """
            Exit codes: 0 ok, 1 failure, 64 usage error, 65 bad input data, 66 input file missing, 74 output error.
            Recommendations are decision support, not diagnosis.
            """,
        version: RiskKitVersion.current,
        subcommands: [Simulate.self, Train.self, Evaluate.self, Inspect.self, Score.self, Freq.self, GWAS.self, PRS.self]
    )
}
