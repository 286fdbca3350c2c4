import ArgumentParser
import RiskKit

@main
struct RiskKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "riskkit", abstract: "Disease-risk models and prevention recommendations.")
}
