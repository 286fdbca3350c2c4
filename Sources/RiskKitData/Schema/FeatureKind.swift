/// How a raw column is treated as a model feature.
public enum FeatureKind: String, Codable, Sendable {
    /// A continuous number, used as is (then standardized internally).
    case numeric
    /// A number that only takes the values 0 and 1.
    case binary
    /// A set of text levels, one-hot encoded against a reference level.
    case categorical
}

/// One raw training column handed to ``FeatureSchema/learn(columns:options:)``.
public enum RawColumn: Sendable {
    /// Numbers, with `NaN` for missing cells.
    case numeric([Double])
    /// Level codes into `levels` (`-1` for a missing cell).
    case categorical(codes: [Int32], levels: [String])
}

extension RawColumn {
    /// A categorical column of `labels` (nil = missing) with its levels in the order a table read from CSV gives an
    /// inferred categorical column (`String` order), so the reference level is the one `train` would choose.
    package static func categorical(labels: [String?]) -> RawColumn {
        var levels: [String] = [], codeByLevel: [String: Int32] = [:]
        let firstSeen = labels.map { label -> Int32 in
            guard let label else { return -1 }
            if let code = codeByLevel[label] { return code }
            codeByLevel[label] = Int32(levels.count)
            levels.append(label)
            return Int32(levels.count - 1)
        }
        let order = ColumnBuilder.levelOrder(levels, forcedCategorical: false)
        var newCode = [Int32](repeating: 0, count: levels.count)
        for (position, old) in order.enumerated() { newCode[old] = Int32(position) }
        return .categorical(codes: firstSeen.map { $0 < 0 ? $0 : newCode[Int($0)] }, levels: order.map { levels[$0] })
    }
}
