import Foundation
import RiskKitData

extension RiskModel: ChecksummedDocument {
    /// Used in file error messages.
    public static let documentKind = "model"

    /// Checks internal consistency (coefficient count matches the schema).
    public func validateShape(name: String) throws {
        let expected = ["(Intercept)"] + schema.encodedColumnNames
        guard coefficients.map(\.name) == expected else {
            throw DataError(file: name, "coefficients do not match the feature schema (expected \(expected.count) named \(expected.prefix(4).joined(separator: ", "))…)")
        }
        guard schema.center.count == schema.width, schema.scale.count == schema.width else {
            throw DataError(file: name, "feature schema standardization has the wrong length")
        }
    }
}
