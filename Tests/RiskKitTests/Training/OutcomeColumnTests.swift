import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct OutcomeColumnTests {
    @Test func zeroOneWithMissing() throws {
        let o = try OutcomeColumn(name: "y", texts: ["0", "1", nil, "1"], lineNumbers: [2, 3, 4, 5], file: "f.csv", positive: nil)
        #expect(o.values == [0, 1, nil, 1])
        #expect(o.definition.positiveLabel == "1")
    }

    @Test func twoLevelLabelWithKnownEvent() throws {
        let o = try OutcomeColumn(name: "y", texts: ["no", "yes", "no"], lineNumbers: [2, 3, 4], file: "f.csv", positive: nil)
        #expect(o.values == [0, 1, 0])
        #expect(o.definition.negativeLabel == "no")
    }

    @Test func numberOtherThanZeroOrOneNamesItsLine() {
        #expect {
            try OutcomeColumn(name: "y", texts: ["0", "2", "1"], lineNumbers: [2, 3, 4], file: "f.csv", positive: nil)
        } throws: { error in
            let e = error as? DataError
            return e?.line == 3 && e?.column == "y" && e?.file == "f.csv"
        }
    }

    @Test func thirdLabelIsAnError() {
        #expect(throws: DataError.self) {
            try OutcomeColumn(name: "y", texts: ["a", "b", "c"], lineNumbers: [2, 3, 4], file: "f.csv", positive: nil)
        }
    }

    @Test func oneClassOnlyIsAnError() {
        #expect {
            try OutcomeColumn(name: "y", texts: ["1", "1", nil], lineNumbers: [2, 3, 4], file: "f.csv", positive: nil)
        } throws: { error in
            (error as? DataError)?.message.contains("one class") == true
        }
    }

    @Test func ambiguousLabelsNeedPositive() throws {
        #expect(throws: DataError.self) {
            try OutcomeColumn(name: "y", texts: ["cat", "dog"], lineNumbers: [2, 3], file: "f.csv", positive: nil)
        }
        let o = try OutcomeColumn(name: "y", texts: ["cat", "dog"], lineNumbers: [2, 3], file: "f.csv", positive: "dog")
        #expect(o.values == [0, 1])
    }
}
