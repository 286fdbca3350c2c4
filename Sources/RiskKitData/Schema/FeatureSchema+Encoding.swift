import Foundation
import RiskKitLinearAlgebra

extension FeatureSchema {
    /// Encodes whole columns into a design matrix on the raw (unstandardized) scale.
    ///
    /// Result: `n × (1 + width)`, column-major, column 0 all ones. `columns[i]` is the raw column of `features[i]`;
    /// categorical codes are interpreted through the column's own level list, matched to the feature's levels by name;
    /// a level the feature does not know (possible only for a held-out cross-validation fold) is encoded as missing.
    /// - Precondition: all columns have the same length and match the features in count and kind.
    package func rawDesign(columns: [RawColumn]) -> Matrix {
        precondition(columns.count == features.count, "one raw column per feature")
        let n = columns.first.map(\.count) ?? 0
        let width = features.reduce(0) { $0 + $1.width }
        var design = Matrix(rows: n, columns: 1 + width)
        // Feature by feature, so every write walks down a column (column-major); each value goes through the
        // feature's one encoder, writing its columns with a stride of n.
        design.withUnsafeMutableBufferPointer { out in
            for i in 0..<n { out[i] = 1 }
            let base = out.baseAddress!
            var offset = 1
            for (feature, column) in zip(features, columns) {
                let codec = FeatureCodec(feature)
                switch column {
                case .numeric(let values):
                    values.withUnsafeBufferPointer { v in
                        for i in 0..<n { codec.encode(number: v[i], into: base, at: offset * n + i, stride: n) }
                    }
                case .categorical(let codes, let rawLevels):
                    let index = Dictionary(uniqueKeysWithValues: (feature.levels ?? []).enumerated().map { ($1, $0) })
                    let map = rawLevels.map { index[$0] }
                    codes.withUnsafeBufferPointer { c in
                        for i in 0..<n {
                            let code = c[i]
                            codec.encode(levelIndex: code < 0 ? nil : map[Int(code)], into: base, at: offset * n + i, stride: n)
                        }
                    }
                }
                offset += codec.width
            }
        }
        return design
    }

    /// Standardizes columns `1...width` of a raw design in place: `(x − center) / scale`.
    func standardize(_ design: inout Matrix) {
        let n = design.rows
        design.withUnsafeMutableBufferPointer { out in
            for j in 0..<width {
                let c = center[j], s = scale[j]
                let base = (j + 1) * n
                for i in 0..<n { out[base + i] = (out[base + i] - c) / s }
            }
        }
    }

    /// The standardized design matrix (`n × (1 + width)`, intercept first) for new data in training layout.
    public func design(columns: [RawColumn]) -> Matrix {
        var design = rawDesign(columns: columns)
        standardize(&design)
        return design
    }

    /// Encodes one patient on the raw scale from cell texts, one per feature (`nil`, or missing as
    /// ``MissingValue`` defines it, = missing); each text is read as ``Feature/value(parsing:)`` reads it.
    ///
    /// - Throws: ``DataError`` as ``encodeRow(values:)``.
    public func encodeRow(_ cells: [String?]) throws -> [Double] {
        precondition(cells.count == features.count, "one cell per feature")
        return try encodeRow(values: zip(features, cells).map { $0.value(parsing: $1) })
    }

    /// Encodes one patient on the raw scale from parsed values, one per feature in schema order.
    ///
    /// - Throws: ``DataError`` naming the field when a numeric feature's value is not a finite number (or not
    ///   0/1 for a binary one) or a categorical value is not a level seen in training (the message lists them).
    public func encodeRow(values: [FieldValue]) throws -> [Double] {
        precondition(values.count == features.count, "one value per feature")
        var row = [Double](repeating: 0, count: width)
        try row.withUnsafeMutableBufferPointer { buffer in
            var offset = 0
            for (feature, value) in zip(features, values) {
                let codec = FeatureCodec(feature)
                _ = try feature.encode(value, codec: codec, into: buffer.baseAddress!, at: offset, stride: 1)
                offset += codec.width
            }
        }
        return row
    }
}

extension Feature {
    /// Checks one parsed value of this feature and writes its encoded columns with `codec` (this feature's
    /// ``FeatureCodec``) to `out[offset]`, `out[offset + stride]`, …; returns whether the value was missing.
    ///
    /// - Throws: ``DataError`` naming the field when a numeric value is not a finite number (or not 0/1 for a
    ///   binary feature) or a categorical value is not a level seen in training (the message lists them).
    @inline(__always)
    package func encode(_ value: FieldValue, codec: FeatureCodec, into out: UnsafeMutablePointer<Double>,
                        at offset: Int, stride: Int) throws -> Bool {
        if case .missing = value {
            if kind == .categorical {
                codec.encode(levelIndex: nil, into: out, at: offset, stride: stride)
            } else {
                codec.encode(number: .nan, into: out, at: offset, stride: stride)
            }
            return true
        }
        switch kind {
        case .numeric, .binary:
            guard case .number(let parsed) = value, parsed.isFinite else {
                throw DataError(column: name, "the value is not a number")
            }
            try checkBinary(parsed)
            codec.encode(number: parsed, into: out, at: offset, stride: stride)
        case .categorical:
            codec.encode(levelIndex: try levelIndex(of: value), into: out, at: offset, stride: stride)
        }
        return false
    }

    /// A raw cell text as this feature reads it: missing (``MissingValue``), for a numeric or binary feature
    /// ``FieldValue/init(parsing:)`` (a number, or text that encoding rejects), for a categorical one the trimmed
    /// text (a level is matched by its text, never as a number).
    public func value(parsing text: String?) -> FieldValue {
        guard let text else { return .missing }
        switch kind {
        case .numeric, .binary:
            return FieldValue(parsing: text)
        case .categorical:
            return Self.categoricalValue(parsing: text)
        }
    }

    /// A categorical feature's reading of a cell text: missing (``MissingValue``), or the trimmed text (a level
    /// is matched by its text, never as a number).
    package static func categoricalValue(parsing text: String) -> FieldValue {
        let trimmed = text.trimmingWhitespace()
        return MissingValue.isMissing(trimmed) ? .missing : .text(String(trimmed))
    }

    /// Throws unless `value` is 0 or 1 when the feature is binary.
    @inline(__always)
    package func checkBinary(_ value: Double) throws {
        if kind == .binary && value != 0 && value != 1 {
            throw DataError(column: name, "the value is not 0 or 1 (the feature was binary in training)")
        }
    }

    /// The index in ``levels`` of a categorical value (`nil` when missing).
    /// - Throws: ``DataError`` listing the known levels when the value is not one of them.
    package func levelIndex(of value: FieldValue) throws -> Int? {
        guard value != .missing else { return nil }
        let label: String
        if case .text(let text) = value { label = text } else { label = value.description }
        guard let found = levels?.firstIndex(of: label) else {
            let known = (levels ?? []).map { "`\($0)`" }.joined(separator: ", ")
            throw DataError(column: name, "the value is not a level seen in training (known levels: \(known))")
        }
        return found
    }
}

extension RawColumn {
    /// Number of rows.
    public var count: Int {
        switch self {
        case .numeric(let v): v.count
        case .categorical(let codes, _): codes.count
        }
    }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> RawColumn {
        switch self {
        case .numeric(let v): .numeric(indices.map { v[$0] })
        case .categorical(let codes, let levels): .categorical(codes: indices.map { codes[$0] }, levels: levels)
        }
    }
}
