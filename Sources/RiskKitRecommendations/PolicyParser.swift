import Foundation
import RiskKitData

/// Reads a policy file's JSON and validates it into a `RecommendationPolicy`, throwing `DataError`s that name the
/// file and the JSON path of the problem (`rules[3] (CV-01).when.all[1]: unknown operator ...`).
struct PolicyParser {
    /// The file being read, for error messages.
    let file: String?

    private static let topRequired = ["format", "version", "policy_version", "date", "title", "disclaimer",
                                      "outcome", "fields", "bands", "rules"]
    private static let topOptional = ["notes", "definitions", "modifiable"]
    private static let conditionKeys = ["field", "risk", "band", "all", "any", "is"]

    /// The error for `message` at JSON path `path`.
    func fail(_ path: String, _ message: String) -> DataError {
        DataError(file: file, path.isEmpty ? message : "\(path): \(message)")
    }

    /// Parses and validates the whole policy.
    func parse(_ data: Data) throws -> RecommendationPolicy {
        let json: PolicyJSON
        do {
            json = try PolicyJSON.read(Array(data))
        } catch {
            throw fail("", "not valid JSON (\(error))")
        }
        guard case .object(let members) = json else {
            throw fail("", "a policy file must hold a JSON object, found \(json.typeName)")
        }
        try checkDuplicateKeys(data)
        // Check the format and version first, so a model file or a newer policy gets the message that matters.
        guard case .string(let format)? = members["format"], format == RecommendationPolicy.format else {
            let found = members["format"].map { value in
                if case .string(let s) = value { "`\(s)`" } else { value.typeName }
            } ?? "nothing"
            throw fail("format", "expected `\(RecommendationPolicy.format)`, found \(found)")
        }
        let top = try PolicyJSONObject(json, at: "", required: Self.topRequired, optional: Self.topOptional,
                                       fail: fail)
        let version = try top.integer("version")
        guard version == RecommendationPolicy.schemaVersion else {
            throw fail("version", "this RiskKit reads policy schema version \(RecommendationPolicy.schemaVersion), "
                       + "the file has version \(version)")
        }
        let date = try top.string("date")
        guard Self.isISODate(date) else { throw fail("date", "expected a date as YYYY-MM-DD, found `\(date)`") }

        let notes: [String]
        if top.has("notes") {
            notes = try top.array("notes").enumerated().map { i, item in
                guard case .string(let s) = item else {
                    throw fail("notes[\(i)]", "expected a string, found \(item.typeName)")
                }
                return s
            }
        } else {
            notes = []
        }

        let outcomeObject = try PolicyJSONObject(top.members["outcome"]!, at: "outcome",
                                                 required: ["description", "horizon_years"], optional: ["label"],
                                                 fail: fail)
        let horizon = try outcomeObject.number("horizon_years")
        guard horizon > 0 else { throw fail("outcome.horizon_years", "must be positive, found \(horizon)") }
        let outcome = PredictedOutcome(description: try outcomeObject.string("description"), horizonYears: horizon,
                                       label: try outcomeObject.optionalString("label"))

        let fields = try parseFields(try top.dictionary("fields"))
        let bands = try parseBands(try top.array("bands"))
        let context = ConditionContext(fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) }),
                                       bandIDs: Set(bands.map(\.id)), definitions: [:])
        var definitions: [String: PolicyCondition] = [:]
        if top.has("definitions") {
            for (name, value) in try top.dictionary("definitions").sorted(by: { $0.key < $1.key }) {
                definitions[name] = try parseCondition(value, at: "definitions.\(name)", context: context,
                                                       insideDefinition: true)
            }
        }
        let ruleContext = ConditionContext(fields: context.fields, bandIDs: context.bandIDs, definitions: definitions)
        let rules = try parseRules(try top.array("rules"), context: ruleContext)
        let modifiable = top.has("modifiable")
            ? try parseModifiable(try top.array("modifiable"), context: ruleContext) : []

        return RecommendationPolicy(
            policyVersion: try top.string("policy_version"), date: date, title: try top.string("title"),
            disclaimer: try top.string("disclaimer"), notes: notes, outcome: outcome, fields: fields,
            bands: bands, rules: rules, modifiable: modifiable)
    }

    // MARK: - Fields

    private func parseFields(_ members: [String: PolicyJSON]) throws -> [PolicyField] {
        try members.sorted { $0.key < $1.key }.map { name, value in
            let path = "fields.\(name)"
            guard !name.trimmingWhitespace().isEmpty else { throw fail("fields", "a field name must not be empty") }
            let object = try PolicyJSONObject(value, at: path, required: ["type"],
                                              optional: ["unit", "levels", "description", "plausible"], fail: fail)
            let typeName = try object.string("type")
            guard let type = PolicyFieldType(rawValue: typeName) else {
                throw fail("\(path).type", "unknown field type `\(typeName)`; use `number`, `category` or `date`")
            }
            var plausible: ValueRange?
            if object.has("plausible") {
                guard type == .number else { throw fail("\(path).plausible", "only a `number` field has a plausible range") }
                let items = try object.array("plausible")
                guard items.count == 2, case .number(let lo) = items[0], case .number(let hi) = items[1] else {
                    throw fail("\(path).plausible", "expected [lowest, highest] (two numbers)")
                }
                guard lo < hi else {
                    throw fail("\(path).plausible", "lowest \(FieldValue.number(lo)) must be below highest \(FieldValue.number(hi))")
                }
                plausible = ValueRange(lower: lo, upper: hi)
            }
            var levels: [String]?
            if object.has("levels") {
                guard type == .category else {
                    throw fail("\(path).levels", "only a `category` field has levels")
                }
                let items = try object.array("levels")
                guard !items.isEmpty else { throw fail("\(path).levels", "must list at least one level") }
                levels = try items.enumerated().map { i, item in
                    guard case .string(let s) = item else {
                        throw fail("\(path).levels[\(i)]", "expected a string, found \(item.typeName)")
                    }
                    return s
                }
                if Set(levels!).count != levels!.count { throw fail("\(path).levels", "lists a level twice") }
            }
            return PolicyField(name: name, type: type, unit: try object.optionalString("unit"), levels: levels,
                               description: try object.optionalString("description"), plausible: plausible)
        }
    }

    // MARK: - Bands

    private func parseBands(_ items: [PolicyJSON]) throws -> [RiskBand] {
        guard !items.isEmpty else { throw fail("bands", "must list at least one band") }
        var bands: [RiskBand] = []
        var firstUse: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "bands[\(i)]"
            let object = try PolicyJSONObject(item, at: path, required: ["id", "label", "lower", "upper", "source"],
                                              optional: ["note"], fail: fail)
            let id = try object.string("id")
            if let first = firstUse[id] { throw fail(path, "duplicate band id `\(id)` (first used by bands[\(first)])") }
            firstUse[id] = i
            let band = RiskBand(id: id, label: try object.string("label"), lower: try object.number("lower"),
                                upper: try object.number("upper"), source: try object.string("source"),
                                note: try object.optionalString("note"))
            let named = "\(path) (\(id))"
            guard band.lower >= 0, band.upper <= 1 else {
                throw fail(named, "bounds [\(band.lower), \(band.upper)) must lie within [0, 1]")
            }
            guard band.lower < band.upper else {
                throw fail(named, "lower bound \(band.lower) must be below upper bound \(band.upper)")
            }
            if let previous = bands.last {
                if band.lower > previous.upper {
                    throw fail(named, "gap: risks in [\(previous.upper), \(band.lower)) belong to no band; "
                               + "bands must be listed in ascending order, each starting where the previous ends")
                }
                if band.lower < previous.upper {
                    throw fail(named, "overlaps band `\(previous.id)` (which ends at \(previous.upper)); "
                               + "bands must be listed in ascending order, each starting where the previous ends")
                }
            } else if band.lower != 0 {
                throw fail(named, "the first band must start at 0, found \(band.lower)")
            }
            bands.append(band)
        }
        if let last = bands.last, last.upper != 1 {
            throw fail("bands[\(bands.count - 1)] (\(last.id))", "the last band must end at 1, found \(last.upper)")
        }
        return bands
    }

    // MARK: - Rules

    private func parseRules(_ items: [PolicyJSON], context: ConditionContext) throws -> [PolicyRule] {
        var rules: [PolicyRule] = []
        var firstUse: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            var path = "rules[\(i)]"
            if case .object(let m) = item, case .string(let id)? = m["id"] { path += " (\(id))" }
            let object = try PolicyJSONObject(
                item, at: path, required: ["id", "kind", "when", "text", "interval_months", "source"],
                optional: ["note", "factor", "last_done_field", "overrides"], fail: fail)
            let id = try object.string("id")
            // Ids travel in CSV cells (`;`-joined) and in the score history (`rule/kind/interval` entries): keep
            // them to letters, digits and `-_.`.
            guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
                throw fail("\(path).id", "a rule id is letters, digits, `-`, `_` and `.` only (no spaces, `/` or `;`)")
            }
            if let first = firstUse[id] {
                throw fail(path, "duplicate rule id `\(id)` (first used by rules[\(first)])")
            }
            firstUse[id] = i
            let kindName = try object.string("kind")
            guard let kind = RuleKind(rawValue: kindName) else {
                let list = RuleKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                throw fail("\(path).kind", "unknown kind `\(kindName)`; use one of \(list)")
            }
            var interval: Int?
            if object.has("interval_months") {
                interval = try object.integer("interval_months")
                guard interval! > 0 else {
                    throw fail("\(path).interval_months", "must be a positive number of months or null")
                }
            }
            let factor = try object.optionalString("factor")
            if let factor {
                guard kind == .lifestyle else {
                    throw fail("\(path).factor", "only lifestyle rules have a factor (it orders lifestyle advice)")
                }
                guard context.fields[factor] != nil else {
                    throw fail("\(path).factor", "`\(factor)` is not a field declared under `fields`")
                }
            }
            let lastDone = try object.optionalString("last_done_field")
            if let lastDone {
                guard context.fields[lastDone]?.type == .date else {
                    throw fail("\(path).last_done_field", "`\(lastDone)` is not a `date` field declared under `fields`")
                }
                guard interval != nil else {
                    throw fail("\(path).last_done_field", "a due date needs `interval_months`; this rule sets none")
                }
            }
            var overrides: [String] = []
            if object.has("overrides") {
                overrides = try object.array("overrides").enumerated().map { k, item in
                    guard case .string(let s) = item else {
                        throw fail("\(path).overrides[\(k)]", "expected a rule id, found \(item.typeName)")
                    }
                    return s
                }
            }
            let condition = try parseCondition(object.members["when"]!, at: "\(path).when", context: context,
                                               insideDefinition: false)
            rules.append(PolicyRule(id: id, kind: kind, condition: condition, text: try object.string("text"),
                                    intervalMonths: interval, source: try object.string("source"),
                                    note: try object.optionalString("note"), factor: factor,
                                    lastDoneField: lastDone, overrides: overrides))
        }
        try checkOverrides(rules)
        return rules
    }

    /// No rule overrides itself, and a rule that overrides others is not itself overridden (one level, so which
    /// rules a patient gets never depends on the order rules are looked at). Ids that are not rules of this policy
    /// are allowed: they name rules of another policy of the same care plan (a BRCA pathway in a breast policy
    /// replacing the average-risk mammography rule of a general one).
    private func checkOverrides(_ rules: [PolicyRule]) throws {
        let overridden = Set(rules.flatMap(\.overrides))
        for (i, rule) in rules.enumerated() where !rule.overrides.isEmpty {
            let path = "rules[\(i)] (\(rule.id)).overrides"
            for target in rule.overrides {
                guard target != rule.id else { throw fail(path, "a rule cannot override itself") }
            }
            guard !overridden.contains(rule.id) else {
                throw fail(path, "`\(rule.id)` is itself overridden by another rule; overrides go one level deep")
            }
        }
    }

    // MARK: - Modifiable factors

    private func parseModifiable(_ items: [PolicyJSON], context: ConditionContext) throws -> [ModifiableFactor] {
        try items.enumerated().map { i, item in
            let path = "modifiable[\(i)]"
            let object = try PolicyJSONObject(item, at: path, required: ["field", "target", "label", "source"],
                                              optional: ["when"], fail: fail)
            let field = try object.string("field")
            guard context.fields[field]?.type == .number else {
                throw fail("\(path).field", "`\(field)` is not a `number` field declared under `fields`")
            }
            var condition: PolicyCondition?
            if object.has("when") {
                let parsed = try parseCondition(object.members["when"]!, at: "\(path).when", context: context,
                                                insideDefinition: false)
                guard !parsed.needsRisk else {
                    throw fail("\(path).when", "a modifiable factor's condition may test fields only, not the risk or its band")
                }
                condition = parsed
            }
            return ModifiableFactor(field: field, target: try parseTarget(object.members["target"]!, at: "\(path).target"),
                                    label: try object.string("label"), source: try object.string("source"),
                                    condition: condition)
        }
    }

    private func parseTarget(_ json: PolicyJSON, at path: String) throws -> ModifiableTarget {
        let object = try PolicyJSONObject(json, at: path, required: [],
                                          optional: ["equals", "at_most", "at_least", "relative_change"], fail: fail)
        let bounds = ["equals", "at_most", "at_least"].filter { object.has($0) }
        let relative = object.has("relative_change") ? try object.number("relative_change") : nil
        if let relative {
            guard relative > -1, relative != 0 else {
                throw fail(object.pathOf("relative_change"), "expected a non-zero fraction above −1 (−0.10 = −10 %), found \(FieldValue.number(relative))")
            }
        }
        switch (bounds.first, bounds.count) {
        case (nil, _):
            guard let relative else {
                throw fail(path, "expected one of `equals`, `at_most`, `at_least`, or `relative_change`")
            }
            return .relative(relative)
        case (let bound?, 1):
            let b = try object.number(bound)
            switch bound {
            case "equals":
                guard relative == nil else { throw fail(path, "`equals` cannot have a `relative_change`") }
                return .value(b)
            case "at_most":
                if let relative, relative > 0 {
                    throw fail(object.pathOf("relative_change"), "must be negative with `at_most` (a decrease toward the bound)")
                }
                return .atMost(b, relativeChange: relative)
            default:
                if let relative, relative < 0 {
                    throw fail(object.pathOf("relative_change"), "must be positive with `at_least` (an increase toward the bound)")
                }
                return .atLeast(b, relativeChange: relative)
            }
        default:
            throw fail(path, "expected only one of `equals`, `at_most`, `at_least`")
        }
    }

    // MARK: - Conditions

    /// What a condition may refer to.
    private struct ConditionContext {
        let fields: [String: PolicyField]
        let bandIDs: Set<String>
        let definitions: [String: PolicyCondition]
    }

    private func parseCondition(_ json: PolicyJSON, at path: String, context: ConditionContext,
                                insideDefinition: Bool) throws -> PolicyCondition {
        guard case .object(let members) = json else {
            throw fail(path, "a condition must be an object, found \(json.typeName)")
        }
        let heads = Self.conditionKeys.filter { members[$0] != nil }
        if members["field"] != nil {
            return try parseFieldClause(members, at: path, context: context)
        }
        guard heads.count == 1, members.count == 1, let head = heads.first else {
            let keys = members.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
            let list = Self.conditionKeys.map { "`\($0)`" }.joined(separator: ", ")
            throw fail(path, "a condition must have exactly one of \(list)\(keys.isEmpty ? "" : "; found \(keys)")")
        }
        let value = members[head]!
        let inner = "\(path).\(head)"
        switch head {
        case "all", "any":
            guard case .array(let items) = value else {
                throw fail(inner, "expected an array of conditions, found \(value.typeName)")
            }
            guard !items.isEmpty else { throw fail(inner, "must list at least one condition") }
            let parts = try items.enumerated().map { i, item in
                try parseCondition(item, at: "\(inner)[\(i)]", context: context, insideDefinition: insideDefinition)
            }
            return head == "all" ? .all(parts) : .any(parts)
        case "risk":
            guard case .object(let ops) = value else {
                throw fail(inner, "expected an object of comparisons, found \(value.typeName)")
            }
            if ops["equals"] != nil || ops["in"] != nil {
                throw fail(inner, "compare risk with `at_least`, `at_most`, `above`, `below` or `between`")
            }
            let comparisons = try parseComparisons(ops, at: inner, type: .number, levels: nil, subject: "risk")
            for comparison in comparisons {
                let bounds: [Double]
                switch comparison {
                case .atLeast(let b), .atMost(let b), .above(let b), .below(let b): bounds = [b]
                case .between(let lo, let hi): bounds = [lo, hi]
                case .equals, .oneOf: bounds = [] // rejected above
                }
                if let bad = bounds.first(where: { !($0 >= 0 && $0 <= 1) }) {
                    throw fail(inner, "risk bound \(bad) is not a probability in [0, 1] (write 10% as 0.10)")
                }
            }
            return .risk(comparisons)
        case "band":
            let object = try PolicyJSONObject(value, at: inner, required: [], optional: ["in", "equals"], fail: fail)
            var ids: [String] = []
            if case .string(let s)? = object.members["equals"] { ids.append(s) }
            if case .array(let items)? = object.members["in"] {
                for (i, item) in items.enumerated() {
                    guard case .string(let s) = item else {
                        throw fail("\(inner).in[\(i)]", "expected a band id, found \(item.typeName)")
                    }
                    ids.append(s)
                }
            }
            guard object.members.count == 1, !ids.isEmpty else {
                throw fail(inner, "expected exactly one of `in` (a non-empty array of band ids) or `equals` (a band id)")
            }
            if let unknown = ids.first(where: { !context.bandIDs.contains($0) }) {
                let list = context.bandIDs.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw fail(inner, "unknown band `\(unknown)`; the policy's bands are \(list)")
            }
            return .band(ids)
        default: // "is"
            guard !insideDefinition else {
                throw fail(inner, "a definition cannot refer to another definition")
            }
            guard case .string(let name) = value else {
                throw fail(inner, "expected the name of a definition, found \(value.typeName)")
            }
            guard let condition = context.definitions[name] else {
                let list = context.definitions.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw fail(inner, "unknown definition `\(name)`"
                           + (list.isEmpty ? "; the policy has no `definitions`" : "; defined are \(list)"))
            }
            return condition
        }
    }

    private func parseFieldClause(_ members: [String: PolicyJSON], at path: String,
                                  context: ConditionContext) throws -> PolicyCondition {
        guard case .string(let name)? = members["field"] else {
            throw fail("\(path).field", "expected a field name, found \(members["field"]!.typeName)")
        }
        guard let field = context.fields[name] else {
            throw fail("\(path).field", "`\(name)` is not a field declared under `fields`")
        }
        guard field.type != .date else {
            throw fail("\(path).field", "`\(name)` is a `date` field; conditions cannot test it (rules read it through `last_done_field`)")
        }
        var ops = members
        ops["field"] = nil
        guard !ops.isEmpty else {
            let list = PolicyComparison.operatorNames.map { "`\($0)`" }.joined(separator: ", ")
            throw fail(path, "a clause on `\(name)` needs a comparison: one of \(list)")
        }
        return .field(name, try parseComparisons(ops, at: path, type: field.type, levels: field.levels,
                                                 subject: "`\(name)`"))
    }

    /// Parses comparison operators for a value of type `type` (`levels` limits category labels).
    private func parseComparisons(_ ops: [String: PolicyJSON], at path: String, type: PolicyFieldType,
                                  levels: [String]?, subject: String) throws -> [PolicyComparison] {
        let known = PolicyComparison.operatorNames
        if let unknown = ops.keys.sorted().first(where: { !known.contains($0) }) {
            let list = known.map { "`\($0)`" }.joined(separator: ", ")
            throw fail(path, "unknown operator `\(unknown)`; use one of \(list)")
        }
        guard !ops.isEmpty else { throw fail(path, "needs at least one comparison") }
        return try known.compactMap { op -> PolicyComparison? in
            guard let value = ops[op] else { return nil }
            let at = "\(path).\(op)"
            func number(_ v: PolicyJSON, _ where_: String) throws -> Double {
                guard case .number(let d) = v else { throw fail(where_, "expected a number, found \(v.typeName)") }
                return d
            }
            func constant(_ v: PolicyJSON, _ where_: String) throws -> PolicyValue {
                switch (type, v) {
                case (.number, .number(let d)):
                    return .number(d)
                case (.category, .string(let s)):
                    if let levels, !levels.contains(s) {
                        let list = levels.map { "`\($0)`" }.joined(separator: ", ")
                        throw fail(where_, "`\(s)` is not a level of \(subject); levels are \(list)")
                    }
                    return .text(s)
                case (.number, _):
                    throw fail(where_, "expected a number for \(subject), found \(v.typeName)")
                case (.category, _), (.date, _):
                    throw fail(where_, "expected a category label (a string) for \(subject), found \(v.typeName)")
                }
            }
            switch op {
            case "equals":
                return .equals(try constant(value, at))
            case "in":
                guard case .array(let items) = value, !items.isEmpty else {
                    throw fail(at, "expected a non-empty array, found \(value.typeName)")
                }
                return .oneOf(try items.enumerated().map { i, item in try constant(item, "\(at)[\(i)]") })
            default:
                guard type == .number else {
                    throw fail(at, "\(subject) is a category; use `equals` or `in`")
                }
                switch op {
                case "at_least": return .atLeast(try number(value, at))
                case "at_most": return .atMost(try number(value, at))
                case "above": return .above(try number(value, at))
                case "below": return .below(try number(value, at))
                default: // "between"
                    guard case .array(let pair) = value, pair.count == 2 else {
                        throw fail(at, "expected [lower, upper], found \(value.typeName)")
                    }
                    let lo = try number(pair[0], "\(at)[0]"), hi = try number(pair[1], "\(at)[1]")
                    guard lo <= hi else { throw fail(at, "lower \(lo) is above upper \(hi)") }
                    return .between(lo, hi)
                }
            }
        }
    }

    /// Whether `s` reads as a calendar date YYYY-MM-DD (month 1–12, day 1–31).
    private static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
