import RiskKitData

/// A binary outcome read from a text column: 0/1 values, or a two-level label.
package struct OutcomeColumn {
    /// 1 for an event, 0 for a non-event, `nil` where the outcome is missing.
    package var values: [Double?]
    /// The definition saved in the model.
    package var definition: OutcomeDefinition

    /// Labels taken to mean "event" when the outcome is a two-level text label.
    static let positiveLabels: Set<String> = ["1", "yes", "y", "true", "case", "event", "positive", "affected"]

    /// Parses the outcome cells.
    ///
    /// Accepted: `0`/`1` (also `0.0`/`1.0`), or exactly two distinct labels of which one is a known event label
    /// (`yes`, `true`, `case`, …, case-insensitive) or the one given as `positive`.
    /// - Throws: ``DataError`` naming the file, line and column for a third value, a non-0/1 number, an unknown
    ///   pair of labels, or an outcome with one class only.
    package init(name: String, texts: [String?], lineNumbers: [Int], file: String, positive: String?) throws {
        var labels: [String] = []
        var firstLine: [String: Int] = [:]
        for (row, t) in texts.enumerated() {
            guard let t else { continue }
            if firstLine[t] == nil {
                firstLine[t] = lineNumbers[row]
                labels.append(t)
                if let d = Double(t), d != 0, d != 1, labels.allSatisfy({ Double($0) != nil }) {
                    throw DataError(file: file, line: lineNumbers[row], column: name, "the outcome is a number other than 0 or 1")
                }
                if labels.count > 2 {
                    throw DataError(
                        file: file, line: lineNumbers[row], column: name,
                        "the outcome has a third distinct value here; it must be 0/1 or a two-level label")
                }
            }
        }
        let numeric = labels.map { Double($0) }
        var positiveLabel: String
        var negativeLabel: String
        if numeric.allSatisfy({ $0 != nil }) {
            for (label, value) in zip(labels, numeric) where value != 0 && value != 1 {
                throw DataError(file: file, line: firstLine[label], column: name, "the outcome is a number other than 0 or 1")
            }
            positiveLabel = labels.first { Double($0) == 1 } ?? "1"
            negativeLabel = labels.first { Double($0) == 0 } ?? "0"
        } else {
            guard labels.count == 2 else {
                throw DataError(file: file, column: name, "outcome has one class only (`\(labels.first ?? "")`); a model needs events and non-events")
            }
            if let positive {
                guard labels.contains(positive) else {
                    throw DataError(code: .positiveLabelNotFound, file: file, column: name, "the positive label `\(positive)` is not one of the outcome's values (\(labels.map { "`\($0)`" }.joined(separator: ", ")))")
                }
                positiveLabel = positive
            } else {
                let known = labels.filter { Self.positiveLabels.contains($0.lowercased()) }
                guard known.count == 1 else {
                    throw DataError(code: .eventLabelUnknown, file: file, column: name, "cannot tell which of `\(labels[0])` and `\(labels[1])` is the event")
                }
                positiveLabel = known[0]
            }
            negativeLabel = labels.first { $0 != positiveLabel }!
        }
        values = texts.map { t in t.map { $0 == positiveLabel || (Double($0) != nil && Double($0) == Double(positiveLabel)) ? 1 : 0 } }
        let events = values.reduce(0) { $0 + ($1 ?? 0) }
        let known = values.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        guard events > 0, events < Double(known) else {
            throw DataError(file: file, column: name, "outcome has one class only (\(events > 0 ? "every" : "no") row is an event); a model needs events and non-events")
        }
        definition = OutcomeDefinition(column: name, positiveLabel: positiveLabel, negativeLabel: negativeLabel)
    }
}
