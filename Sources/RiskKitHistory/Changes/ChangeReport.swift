/// Whose band or recommendations changed between two runs of a history, and why: for each condition present in
/// both runs, the changed patients one at a time (memory stays flat in the number of patients) and a summary.
public struct ChangeReport: Sendable {
    /// The earlier and the later run.
    public let old: RunRecord
    public let new: RunRecord

    /// The report between `old` and `new`.
    public init(from old: RunRecord, to new: RunRecord) {
        self.old = old
        self.new = new
    }

    /// The counts of one condition.
    public struct Summary: Sendable, Equatable {
        /// The condition (model position in the later run) and its name.
        public var model: Int
        public var modelName: String
        /// Patients in both runs whose band or recommendations changed; of them, those whose risk rose or fell.
        public var changed = 0, up = 0, down = 0
        /// Patients in both runs with the same band and recommendations.
        public var unchanged = 0
        /// Patients only in the later run, and only in the earlier one.
        public var newPatients = 0, gonePatients = 0
    }

    /// The conditions compared: each model of the later run with the earlier run's model for the same outcome
    /// (when both declare one, and it is unique in each run), else the model at the same position.
    public var modelPairs: [(old: Int, new: Int)] {
        let oldModels = old.description.models, newModels = new.description.models
        return newModels.indices.compactMap { n in
            if let outcome = newModels[n].outcome, newModels.filter({ $0.outcome == outcome }).count == 1 {
                let matches = oldModels.indices.filter { oldModels[$0].outcome == outcome }
                if matches.count == 1 { return (matches[0], n) }
            }
            return n < oldModels.count && (oldModels[n].outcome == nil || newModels[n].outcome == nil) ? (n, n) : nil
        }
    }

    /// A model's name in reports: its outcome when declared, else `model N` (1-based position).
    public static func modelName(_ model: RunModel, at position: Int) -> String {
        model.outcome ?? "model \(position + 1)"
    }

    /// Hands `body` every changed patient of every condition, condition by condition in the later run's model
    /// order, patients in its row order; returns each condition's summary.
    /// - Throws: ``StoreError`` from `store`, and what `body` throws.
    public func forEachChange(in store: any HistoryStore, _ body: (PatientChange) throws -> Void) async throws -> [Summary] {
        var summaries: [Summary] = []
        for (o, n) in modelPairs {
            let oldModel = old.description.models[o], newModel = new.description.models[n]
            let name = Self.modelName(newModel, at: n)
            var summary = Summary(model: n, modelName: name)
            let counts = try await store.changes(from: old.id, model: o, to: new.id, model: n) { pair in
                let change = PatientChange(old: pair.old, new: pair.new, model: n, modelName: name,
                                           oldModel: oldModel, newModel: newModel)
                summary.changed += 1
                if change.direction > 0 { summary.up += 1 } else if change.direction < 0 { summary.down += 1 }
                try body(change)
            }
            summary.unchanged = counts.both - summary.changed
            summary.newPatients = counts.new - counts.both
            summary.gonePatients = counts.old - counts.both
            summaries.append(summary)
        }
        return summaries
    }
}
