
/// A parsed JSON value, kept untyped so the policy validator can report unknown keys and wrong types by JSON path
/// (read by ``read(_:)``).
///
/// Booleans and numbers stay apart, so `1` never reads as `true` and `true` never reads as `1`.
enum PolicyJSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PolicyJSON])
    case object([String: PolicyJSON])

    /// The JSON type name used in error messages ("a number", "an object", ...).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
