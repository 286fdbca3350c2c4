import Foundation
import Testing
@testable import RiskKitRecommendations

/// The policy files' JSON reader against Foundation's `JSONSerialization` (an independent parser) on the same texts,
/// and its refusals.
@Suite struct PolicyJSONReadingTests {
    /// `JSONSerialization`'s value as a `PolicyJSON` (its numbers come as NSNumber: booleans told apart by type).
    func converted(_ value: Any) -> PolicyJSON {
        switch value {
        case is NSNull: return .null
        case let b as Bool where type(of: value) == Bool.self: return .bool(b)
        case let n as NSNumber where String(cString: n.objCType) == "c": return .bool(n.boolValue)
        case let n as NSNumber: return .number(n.doubleValue)
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map(converted))
        case let o as [String: Any]: return .object(o.mapValues(converted))
        default: return .null
        }
    }

    @Test(arguments: [
        #"{"a": 1, "b": [true, false, null], "c": {"d": -0.5e-3, "e": "x"}}"#,
        #"[0, -0, 12.5, 1E+2, 3e-7, 1.7976931348623157e308, 5e-324, 0.1, 123456789012345678]"#,
        #"{"esc": "quote \" backslash \\ slash \/ \b\f\n\r\t", "u": "\u00e9\u4e2d\ud83d\ude00", "plain": "µg/dL ≥ 5"}"#,
        "  \n {\n \"lines\" : [ \"a\" ,\n\"b\" ] } \n",
        #"[]"#, #"{}"#, #""text""#, #"42"#,
    ])
    func readsWhatJSONSerializationReads(_ text: String) throws {
        let reference = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(try PolicyJSON.read(Array(text.utf8)) == converted(reference))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, "expected a key in quotes"),
        ("{\"a\": 01}", 1, "a number must not start with 0"),
        ("{\n\"a\":\n tru}", 3, "unexpected word (expected true)"),
        ("[1, 2", 1, "unexpected end of the file in an array"),
        ("{\"a\": \"x\ny\"}", 1, "a control character in a string (write it as an escape)"),
        ("{\"a\": \"\\ud83d\"}", 1, "a lone UTF-16 surrogate in a \\u escape"),
        ("{\"a\": 1} x", 1, "unexpected text after the JSON value"),
        ("{\"a\": 1e999}", 1, "number out of range"),
        ("{\"a\": \"\\q\"}", 1, "unknown escape `\\q` in a string"),
    ])
    func refusesWhatIsNotJSON(_ text: String, line: Int, message: String) {
        do {
            _ = try PolicyJSON.read(Array(text.utf8))
            Issue.record("read \(text)")
        } catch {
            #expect(error.line == line && error.message == message, "\(error)")
        }
    }
}
