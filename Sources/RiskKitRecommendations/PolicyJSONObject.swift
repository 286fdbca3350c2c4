import RiskKitData

/// One JSON object of a policy file being validated: typed member access that names the JSON path on failure.
///
/// Construction rejects keys outside `required ∪ optional`, so a misspelt key ("intervals_months") is an error
/// rather than silently ignored.
struct PolicyJSONObject {
    /// Where this object sits in the file, for example `rules[2] (CV-01)`.
    let path: String
    /// The object's members.
    let members: [String: PolicyJSON]
    /// Builds the `DataError` for a message at a path.
    let fail: (String, String) -> DataError

    /// Reads `value` at `path` as an object whose keys must come from `required` and `optional`; every key in
    /// `required` must be present.
    init(_ value: PolicyJSON, at path: String, required: [String], optional: [String] = [],
         fail: @escaping (String, String) -> DataError) throws {
        guard case .object(let members) = value else {
            throw fail(path, "expected an object, found \(value.typeName)")
        }
        let allowed = Set(required + optional)
        let unknown = members.keys.filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            let list = unknown.map { "`\($0)`" }.joined(separator: ", ")
            let expected = (required + optional).map { "`\($0)`" }.joined(separator: ", ")
            throw fail(path, "unknown key\(unknown.count > 1 ? "s" : "") \(list); allowed keys are \(expected)")
        }
        for key in required where members[key] == nil {
            throw fail(path, "missing required key `\(key)`")
        }
        self.path = path
        self.members = members
        self.fail = fail
    }

    /// The path of member `key`.
    func pathOf(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether member `key` is present and not null.
    func has(_ key: String) -> Bool {
        if let value = members[key], value != .null { return true }
        return false
    }

    /// Member `key` as a non-empty string (after trimming spaces).
    func string(_ key: String) throws -> String {
        guard case .string(let s)? = members[key] else {
            throw fail(pathOf(key), "expected a string, found \(members[key]?.typeName ?? "nothing")")
        }
        guard !s.trimmingWhitespace().isEmpty else { throw fail(pathOf(key), "must not be empty") }
        return s
    }

    /// Member `key` as a non-empty string, or `nil` when absent or null.
    func optionalString(_ key: String) throws -> String? {
        has(key) ? try string(key) : nil
    }

    /// Member `key` as a finite number.
    func number(_ key: String) throws -> Double {
        guard case .number(let d)? = members[key] else {
            throw fail(pathOf(key), "expected a number, found \(members[key]?.typeName ?? "nothing")")
        }
        return d
    }

    /// Member `key` as a whole number.
    func integer(_ key: String) throws -> Int {
        let d = try number(key)
        guard d == d.rounded(), abs(d) < 1e15 else { throw fail(pathOf(key), "expected a whole number, found \(d)") }
        return Int(d)
    }

    /// Member `key` as an array.
    func array(_ key: String) throws -> [PolicyJSON] {
        guard case .array(let items)? = members[key] else {
            throw fail(pathOf(key), "expected an array, found \(members[key]?.typeName ?? "nothing")")
        }
        return items
    }

    /// Member `key` as an object's members (key order is not kept; callers sort when order matters).
    func dictionary(_ key: String) throws -> [String: PolicyJSON] {
        guard case .object(let items)? = members[key] else {
            throw fail(pathOf(key), "expected an object, found \(members[key]?.typeName ?? "nothing")")
        }
        return items
    }
}
