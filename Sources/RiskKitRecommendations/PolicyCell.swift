import RiskKitData

/// One patient's value of one policy field as rule conditions read it, resolved once per patient so that
/// evaluating a policy compares numbers and label positions only: no strings, no allocation.
package enum PolicyCell: Sendable, Equatable {
    /// The record has no such field.
    case absent
    /// The field is missing (``MissingValue``).
    case missing
    /// A finite number, for a `number` field.
    case number(Double)
    /// A label of a `category` field: its position in the field's known labels (``RecommendationPolicy``'s
    /// `labels`: the declared levels, or else the labels its conditions name), or −1 for another label, which a
    /// field without declared levels accepts.
    case label(Int)
    /// A `YYYY-MM-DD` date, for a `date` field (read by rules' `last_done_field`, never by conditions).
    case date(CalendarDate)
    /// A value of the wrong type, or a label the field does not declare; why is ``PolicyCellProblem/reason``.
    case unusable
}

/// Why a value cannot be used by a field's conditions, in words ("is `abc`, expected a number").
package struct PolicyCellProblem: Sendable, Equatable {
    /// The reason, as a skipped rule reports it.
    package let reason: String
}

extension RecommendationPolicy {
    /// The cell of field k (``fields``) for a record's value of it (nil: not in the record), and the reason when
    /// it is ``PolicyCell/unusable``.
    package func cell(field k: Int, for value: FieldValue?) -> (PolicyCell, PolicyCellProblem?) {
        guard let value else { return (.absent, nil) }
        let type = fields[k].type
        switch value {
        case .missing:
            return (.missing, nil)
        case .number(let d):
            guard type == .number else { return (.unusable, PolicyCellProblem(reason: "is \(value), expected a category label")) }
            guard d.isFinite else { return (.unusable, PolicyCellProblem(reason: "is \(d), expected a finite number")) }
            return (.number(d), nil)
        case .text(let s) where type == .date:
            guard let date = CalendarDate(parsing: s) else {
                return (.unusable, PolicyCellProblem(reason: "is `\(s)`, expected a date YYYY-MM-DD"))
            }
            return (.date(date), nil)
        case .text(let s):
            guard type == .category else { return (.unusable, PolicyCellProblem(reason: "is `\(s)`, expected a number")) }
            if let position = labels[k].firstIndex(of: s) { return (.label(position), nil) }
            if let levels = fields[k].levels {
                let list = levels.map { "`\($0)`" }.joined(separator: ", ")
                return (.unusable, PolicyCellProblem(reason: "is `\(s)`, expected one of \(list)"))
            }
            return (.label(-1), nil)
        }
    }
}
