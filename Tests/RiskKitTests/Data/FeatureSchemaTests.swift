import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct FeatureSchemaTests {
    let columns: [(name: String, column: RawColumn)] = [
        ("age", .numeric([40, 50, .nan, 70])),
        ("smoker", .numeric([1, 0, 1, .nan])),
        ("sex", .categorical(codes: [0, 1, 1, -1], levels: ["F", "M"])),
        ("region", .categorical(codes: [2, 0, 1, 2], levels: ["east", "north", "west"])),
    ]

    @Test func learnsKindsImputationAndNames() throws {
        let (schema, design) = try FeatureSchema.learn(columns: columns)
        #expect(schema.features.map(\.kind) == [.numeric, .binary, .categorical, .categorical])
        #expect(schema.encodedColumnNames == ["age", "smoker", "sex=M", "region=north", "region=west"])
        #expect(schema.features[0].imputedNumber == 160.0 / 3)  // mean of 40, 50, 70
        #expect(schema.features[1].imputedNumber == 1)  // two of three are 1
        #expect(schema.features[2].imputedLevel == "M")
        #expect(schema.features[3].referenceLevel == "east")
        #expect(design.rows == 4 && design.columns == 6)
        #expect(design.column(0) == [1, 1, 1, 1])
        // age after imputation: 40, 50, 160/3, 70 → mean 160/3; population sd by hand.
        let ages = [40.0, 50, 160.0 / 3, 70]
        let mean = ages.reduce(0, +) / 4
        let sd = (ages.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(abs(schema.center[0] - mean) < 1e-12)
        #expect(abs(schema.scale[0] - sd) < 1e-12)
        #expect(abs(design[0, 1] - (40 - mean) / sd) < 1e-12)
    }

    @Test func trainingAndScoringShareTheEncoder() throws {
        let (schema, design) = try FeatureSchema.learn(columns: columns)
        let raw = try schema.encodeRow(["40", "1", "F", "west"])
        for j in 0..<schema.width {
            #expect(abs((raw[j] - schema.center[j]) / schema.scale[j] - design[0, j + 1]) < 1e-12)
        }
        let imputed = try schema.encodeRow([nil, "NA", "", "north"])
        #expect(imputed[0] == 160.0 / 3 && imputed[1] == 1 && imputed[2] == 1)
        #expect(Array(imputed[3...]) == [1, 0])
    }

    @Test func unseenLevelIsAClearError() throws {
        let (schema, _) = try FeatureSchema.learn(columns: columns)
        #expect {
            try schema.encodeRow(["40", "1", "X", "west"])
        } throws: { error in
            let e = error as? DataError
            return e?.column == "sex" && e?.message.contains("`F`, `M`") == true
        }
    }

    @Test func nonNumberInNumericFeatureIsAnError() throws {
        let (schema, _) = try FeatureSchema.learn(columns: columns)
        #expect(throws: DataError.self) { try schema.encodeRow(["abc", "1", "F", "west"]) }
        #expect(throws: DataError.self) { try schema.encodeRow(["40", "2", "F", "west"]) }
    }

    @Test func constantFeatureIsRejectedByName() {
        #expect {
            try FeatureSchema.learn(columns: [("age", .numeric([1, 2, 3])), ("flat", .numeric([5, 5, .nan]))])
        } throws: { error in
            (error as? DataError)?.column == "flat"
        }
    }

    @Test func missingnessIndicators() throws {
        let (schema, design) = try FeatureSchema.learn(columns: [("age", .numeric([40, .nan, 60, 50]))], options: .init(missingIndicators: true))
        #expect(schema.encodedColumnNames == ["age", "missing(age)"])
        #expect(design.rows == 4)
        #expect(try schema.encodeRow([nil]) == [50, 1])
    }
}
