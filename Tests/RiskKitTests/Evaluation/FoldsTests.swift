import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics

@Suite struct FoldsTests {
    // Properties that define a stratified assignment (no peer: the fold order is our own documented algorithm):
    // every fold gets ⌊c/k⌋ or ⌈c/k⌉ rows of each class, fold sizes differ by at most one.
    @Test(arguments: [(events: 37, nonEvents: 163, k: 5), (events: 3, nonEvents: 10, k: 4), (events: 50, nonEvents: 50, k: 10)])
    func classesSpreadEvenly(_ c: (events: Int, nonEvents: Int, k: Int)) throws {
        var outcome = [Double](repeating: 0, count: c.nonEvents) + [Double](repeating: 1, count: c.events)
        var shuffler = SplitMix64(seed: 11)
        outcome.shuffle(using: &shuffler)
        let folds = try Folds.stratified(outcome: outcome, k: c.k, seed: 2024)
        #expect(folds.count == outcome.count)
        #expect(folds.allSatisfy { (0..<c.k).contains($0) })
        for (cls, size) in [(1.0, c.events), (0.0, c.nonEvents)] {
            let perFold = (0..<c.k).map { f in zip(outcome, folds).filter { $0.0 == cls && $0.1 == f }.count }
            #expect(perFold.allSatisfy { $0 == size / c.k || $0 == (size + c.k - 1) / c.k }, "\(perFold)")
        }
        let sizes = (0..<c.k).map { f in folds.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    @Test func sameSeedSameFoldsOtherSeedOtherFolds() throws {
        let outcome = (0..<200).map { Double($0 % 3 == 0 ? 1 : 0) }
        let a = try Folds.stratified(outcome: outcome, k: 5, seed: 7)
        #expect(try Folds.stratified(outcome: outcome, k: 5, seed: 7) == a)
        #expect(try Folds.stratified(outcome: outcome, k: 5, seed: 8) != a)
    }

    @Test func invalidRequestsAreTypedErrors() {
        #expect(throws: DataError.self) { try Folds.stratified(outcome: [0, 1, 0], k: 1, seed: 1) }
        #expect(throws: DataError.self) { try Folds.stratified(outcome: [0, 1, 0], k: 4, seed: 1) }
        #expect(throws: DataError.self) { try Folds.stratified(outcome: [0, 1, 0.5, 1], k: 2, seed: 1) }
    }
}
