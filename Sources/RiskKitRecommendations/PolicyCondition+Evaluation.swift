import RiskKitData

/// A value a condition needed but could not use, with the reason in words.
struct PolicyFieldProblem: Equatable {
    /// The field name.
    let field: String
    /// "missing", "not in the record", "is `abc`, expected a number", ...
    let reason: String
}

/// The three-valued result of evaluating a condition (Kleene logic, see ``PolicyCondition``).
enum PolicyTruth: UInt8 {
    case no, yes, unknown
}

/// A policy's rule conditions compiled once, when the policy is made, into flat arrays of nodes: field clauses
/// resolved to field positions, category labels to label positions, band ids to band positions. Evaluating one
/// patient walks these arrays with no name lookup, no allocation and no reference counting.
struct CompiledConditions: Sendable, Equatable {
    /// One node of a condition tree.
    struct Node: Sendable, Equatable {
        enum Kind: UInt8, Sendable { case all, any, numberField, labelField, risk, band }
        var kind: Kind
        /// The field position (``RecommendationPolicy/fields``) of a field clause.
        var slot: Int
        /// Children (`all`, `any`: ranges of ``children``), comparisons (`numberField`, `risk`: of ``tests``),
        /// passing labels (`labelField`: of ``passes``, one per known label, then one for any other label) or
        /// band positions (`band`: of ``bands``).
        var start: Int
        var count: Int
    }

    /// One numeric comparison: `op` with bounds `a`, `b`, or for `oneOf` the range `a..<b` of ``constants``.
    struct Test: Sendable, Equatable {
        enum Op: UInt8, Sendable { case equals, oneOf, atLeast, atMost, above, below, between, never }
        var op: Op
        var a: Double
        var b: Double
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int] = []
    private(set) var tests: [Test] = []
    private(set) var constants: [Double] = []
    private(set) var passes: [Bool] = []
    private(set) var bands: [Int] = []
    /// The root node of each condition, in the order given (a policy's rules, then its modifiable factors).
    private(set) var roots: [Int] = []

    /// The field position that stands for the risk in collected problems: a risk or band clause is unknown for a
    /// patient without a risk (no field has a negative position).
    static let riskSlot = -1

    /// Compiles `conditions`. `fields` are the declared fields; `labels[k]` are the known labels of field k (see
    /// ``PolicyCell/label(_:)``); `bandIDs` are the band ids in order (loading checks that every field and band a
    /// condition names is declared).
    init(conditions: [PolicyCondition], fields: [PolicyField], labels: [[String]], bandIDs: [String]) {
        let slots = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        for condition in conditions {
            roots.append(compile(condition, slots: slots, fields: fields, labels: labels, bandIDs: bandIDs))
        }
    }

    private mutating func compile(_ condition: PolicyCondition, slots: [String: Int], fields: [PolicyField],
                                  labels: [[String]], bandIDs: [String]) -> Int {
        let node: Node
        switch condition {
        case .all(let parts), .any(let parts):
            let ids = parts.map { compile($0, slots: slots, fields: fields, labels: labels, bandIDs: bandIDs) }
            if case .all = condition { node = Node(kind: .all, slot: 0, start: children.count, count: ids.count) } else {
                node = Node(kind: .any, slot: 0, start: children.count, count: ids.count)
            }
            children += ids
        case .field(let name, let comparisons):
            let slot = slots[name]!
            if fields[slot].type == .number {
                node = Node(kind: .numberField, slot: slot, start: tests.count, count: comparisons.count)
                for comparison in comparisons { tests.append(test(comparison)) }
            } else {
                node = Node(kind: .labelField, slot: slot, start: passes.count, count: labels[slot].count + 1)
                passes += labels[slot].map { label in comparisons.allSatisfy { $0.holds(for: .text(label)) } }
                // Any other label equals no constant, so only a clause without comparisons passes it.
                passes.append(comparisons.isEmpty)
            }
        case .risk(let comparisons):
            node = Node(kind: .risk, slot: 0, start: tests.count, count: comparisons.count)
            for comparison in comparisons { tests.append(test(comparison)) }
        case .band(let ids):
            node = Node(kind: .band, slot: 0, start: bands.count, count: ids.count)
            bands += ids.compactMap { bandIDs.firstIndex(of: $0) }
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// The numeric form of a comparison (a label constant never equals a number).
    private mutating func test(_ comparison: PolicyComparison) -> Test {
        switch comparison {
        case .equals(.number(let v)): return Test(op: .equals, a: v, b: 0)
        case .equals(.text): return Test(op: .never, a: 0, b: 0)
        case .oneOf(let values):
            let start = constants.count
            constants += values.compactMap(\.number)
            return Test(op: .oneOf, a: Double(start), b: Double(constants.count))
        case .atLeast(let b): return Test(op: .atLeast, a: b, b: 0)
        case .atMost(let b): return Test(op: .atMost, a: b, b: 0)
        case .above(let b): return Test(op: .above, a: b, b: 0)
        case .below(let b): return Test(op: .below, a: b, b: 0)
        case .between(let lo, let hi): return Test(op: .between, a: lo, b: hi)
        }
    }

    /// Evaluates condition `condition` (its position in the compiled list) for one patient: `cells[k]` is the
    /// patient's value of field k, `band` the position of the risk's band; a patient without a risk has `risk`
    /// NaN and `band` −1, and its risk and band clauses are unknown (collected as ``riskSlot``). With `problems`
    /// non-nil, also collects the values that made it unknown, in evaluation order (a part that is false discards
    /// what its siblings collected, as it decides the result).
    func evaluate(condition: Int, risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                  problems: UnsafeMutablePointer<[(slot: Int, cell: PolicyCell)]>?) -> PolicyTruth {
        evaluate(node: roots[condition], risk: risk, band: band, cells: cells, problems: problems)
    }

    private func evaluate(node index: Int, risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                          problems: UnsafeMutablePointer<[(slot: Int, cell: PolicyCell)]>?) -> PolicyTruth {
        let node = nodes[index]
        switch node.kind {
        case .all, .any:
            let decisive: PolicyTruth = node.kind == .all ? .no : .yes
            let mark = problems?.pointee.count ?? 0
            var unknown = false
            for k in node.start..<(node.start + node.count) {
                switch evaluate(node: children[k], risk: risk, band: band, cells: cells, problems: problems) {
                case decisive:
                    problems?.pointee.removeSubrange(mark...)
                    return decisive
                case .unknown: unknown = true
                default: continue
                }
            }
            return unknown ? .unknown : (node.kind == .all ? .yes : .no)
        case .risk where risk.isNaN, .band where band < 0:
            problems?.pointee.append((Self.riskSlot, .absent))
            return .unknown
        case .risk:
            return passes(risk, node) ? .yes : .no
        case .band:
            return bands[node.start..<(node.start + node.count)].contains(band) ? .yes : .no
        case .numberField, .labelField:
            let cell = cells[node.slot]
            switch cell {
            case .number(let value) where node.kind == .numberField:
                return passes(value, node) ? .yes : .no
            case .label(let k) where node.kind == .labelField:
                return self.passes[node.start + (k < 0 ? node.count - 1 : k)] ? .yes : .no
            default:
                problems?.pointee.append((node.slot, cell))
                return .unknown
            }
        }
    }

    /// Evaluates conditions `0..<truths.count` (the rules') for one patient as ``evaluate(condition:risk:band:cells:problems:)``
    /// does without collecting problems, writing each result to `truths`: the fast path, walking the compiled
    /// arrays through buffer pointers taken once for all of them.
    func evaluateAll(risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>,
                     into truths: UnsafeMutableBufferPointer<PolicyTruth>) {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                tests.withUnsafeBufferPointer { tests in
                    constants.withUnsafeBufferPointer { constants in
                        passes.withUnsafeBufferPointer { passes in
                            bands.withUnsafeBufferPointer { bands in
                                let view = View(nodes: nodes, children: children, tests: tests, constants: constants,
                                                passes: passes, bands: bands)
                                for r in truths.indices {
                                    truths[r] = view.evaluate(roots[r], risk: risk, band: band, cells: cells)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The compiled arrays seen through buffer pointers, for the fast path.
    private struct View {
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int>
        let tests: UnsafeBufferPointer<Test>
        let constants: UnsafeBufferPointer<Double>
        let passes: UnsafeBufferPointer<Bool>
        let bands: UnsafeBufferPointer<Int>

        func evaluate(_ index: Int, risk: Double, band: Int, cells: UnsafeBufferPointer<PolicyCell>) -> PolicyTruth {
            let node = nodes[index]
            switch node.kind {
            case .all, .any:
                let decisive: PolicyTruth = node.kind == .all ? .no : .yes
                var unknown = false
                for k in node.start..<(node.start + node.count) {
                    let truth = evaluate(children[k], risk: risk, band: band, cells: cells)
                    if truth == decisive { return decisive }
                    if truth == .unknown { unknown = true }
                }
                return unknown ? .unknown : (node.kind == .all ? .yes : .no)
            case .risk where risk.isNaN, .band where band < 0:
                return .unknown
            case .risk:
                return CompiledConditions.passes(risk, node, tests: tests, constants: constants) ? .yes : .no
            case .band:
                for k in node.start..<(node.start + node.count) where bands[k] == band { return .yes }
                return .no
            case .numberField, .labelField:
                switch cells[node.slot] {
                case .number(let value) where node.kind == .numberField:
                    return CompiledConditions.passes(value, node, tests: tests, constants: constants) ? .yes : .no
                case .label(let k) where node.kind == .labelField:
                    return passes[node.start + (k < 0 ? node.count - 1 : k)] ? .yes : .no
                default:
                    return .unknown
                }
            }
        }
    }

    /// Whether `value` passes every comparison of a `numberField` or `risk` node.
    private func passes(_ value: Double, _ node: Node) -> Bool {
        tests.withUnsafeBufferPointer { tests in
            constants.withUnsafeBufferPointer { Self.passes(value, node, tests: tests, constants: $0) }
        }
    }

    /// Whether `value` passes every comparison of `node` (tests and constants as buffers).
    private static func passes(_ value: Double, _ node: Node, tests: UnsafeBufferPointer<Test>,
                               constants: UnsafeBufferPointer<Double>) -> Bool {
        for k in node.start..<(node.start + node.count) {
            let t = tests[k]
            let holds: Bool
            switch t.op {
            case .equals: holds = value == t.a
            case .oneOf: holds = constants[Int(t.a)..<Int(t.b)].contains(value)
            case .atLeast: holds = value >= t.a
            case .atMost: holds = value <= t.a
            case .above: holds = value > t.a
            case .below: holds = value < t.a
            case .between: holds = t.a <= value && value <= t.b
            case .never: holds = false
            }
            if !holds { return false }
        }
        return true
    }
}
