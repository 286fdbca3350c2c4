/// One patient's change for one condition between two runs: the care team's work-list entry.
public struct PatientChange: Sendable, Equatable {
    /// The patient as stored (an id, or a pseudonym).
    public var patient: String
    /// The condition's model in the later run (position), and its name (``ChangeReport/modelName(_:at:)``).
    public var model: Int
    public var modelName: String
    /// The results in the earlier and the later run.
    public var old: PatientResult
    public var new: PatientResult
    /// Rule ids recommended now and not before, and before and not now, in policy order.
    public var added: [String]
    public var removed: [String]
    /// Rules recommended in both runs whose interval changed.
    public var intervalChanges: [IntervalChange]
    /// Why, most decisive first (``ChangeCause/causes(old:new:oldModel:newModel:)``).
    public var causes: [ChangeCause]

    /// A rule whose interval changed.
    public struct IntervalChange: Sendable, Equatable {
        public var rule: String
        public var oldMonths: Int?
        public var newMonths: Int?

        /// Creates an interval change (months; nil: once, no interval).
        public init(rule: String, oldMonths: Int?, newMonths: Int?) {
            self.rule = rule
            self.oldMonths = oldMonths
            self.newMonths = newMonths
        }
    }

    /// The first cause.
    public var cause: ChangeCause { causes[0] }

    /// Whether the risk went up, down, or neither (equal, or a run without one).
    public var direction: Int {
        guard let a = old.risk, let b = new.risk, a != b else { return 0 }
        return b > a ? 1 : -1
    }

    /// The change between `old` and `new` of models `oldModel` and `newModel` (the later at position `model`).
    public init(old: PatientResult, new: PatientResult, model: Int, modelName: String, oldModel: RunModel, newModel: RunModel) {
        patient = new.patient
        self.model = model
        self.modelName = modelName
        self.old = old
        self.new = new
        let before = old.recommendations.entries, after = new.recommendations.entries
        let beforeRules = Set(before.map(\.rule)), afterRules = Set(after.map(\.rule))
        added = after.map(\.rule).filter { !beforeRules.contains($0) }
        removed = before.map(\.rule).filter { !afterRules.contains($0) }
        let intervals = Dictionary(before.map { ($0.rule, $0.intervalMonths) }, uniquingKeysWith: { a, _ in a })
        intervalChanges = after.compactMap { entry in
            guard let was = intervals[entry.rule], was != entry.intervalMonths else { return nil }
            return IntervalChange(rule: entry.rule, oldMonths: was, newMonths: entry.intervalMonths)
        }
        causes = ChangeCause.causes(old: old, new: new, oldModel: oldModel, newModel: newModel)
    }
}
