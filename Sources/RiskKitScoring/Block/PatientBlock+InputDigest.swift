import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// Which of a scorer's inputs a patient's input digest covers: every encoded column and missing flag of the
/// model's features, and every policy field's cell, except those of the fields named ``excluded`` (age: a
/// patient's age changes with time alone, and a history tells that apart from a change in the data).
package struct InputDigestLayout: Sendable {
    /// The field names left out.
    package static let excluded: Set<String> = ["age"]
    /// Encoded columns, features and policy fields covered.
    let columns: [Int], features: [Int], fields: [Int]

    /// The layout for `scorer`'s model and policy.
    package init(scorer: PatientScorer) {
        let features = scorer.model.schema.features
        self.features = features.indices.filter { !Self.excluded.contains(features[$0].name) }
        columns = self.features.flatMap { f in
            (0..<scorer.codecs[f].width).map { scorer.columnOffsets[f] + $0 }
        }
        fields = (scorer.policy?.fields ?? []).indices.filter { !Self.excluded.contains(scorer.policy!.fields[$0].name) }
    }

    /// Bytes of one patient's digest input: 8 per column, 1 per feature, 9 per field.
    var byteCount: Int { columns.count * 8 + features.count + fields.count * 9 }
}

extension PatientBlock {
    /// A digest of patient `i`'s input values as the model and policy read them (``InputDigestLayout``): the
    /// first 16 bytes of a SHA-256, as 32 hex digits, over the encoded values' IEEE bits (imputed ones included),
    /// the missing flags and the policy cells (a tag and an 8-byte payload each). Equal inputs give equal digests
    /// however the file writes them (`54` and `54.0`, column order); a digest reveals no value.
    package func inputDigest(_ i: Int, layout: InputDigestLayout) -> String {
        withUnsafeTemporaryAllocation(byteCount: Swift.max(1, layout.byteCount), alignment: 8) { buffer in
            var at = 0
            func put(_ value: UInt64) {
                buffer.storeBytes(of: value.littleEndian, toByteOffset: at, as: UInt64.self)
                at += 8
            }
            func put(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            for j in layout.columns { put(design[j * capacity + i].bitPattern) }
            for f in layout.features { put(missing[f * capacity + i] ? 1 as UInt8 : 0) }
            for k in layout.fields {
                switch cells[i * fieldCount + k] {
                case .absent: put(0 as UInt8); put(0 as UInt64)
                case .missing: put(1 as UInt8); put(0 as UInt64)
                case .number(let d): put(2 as UInt8); put(d.bitPattern)
                case .label(let l): put(3 as UInt8); put(UInt64(bitPattern: Int64(l)))
                case .date(let date): put(4 as UInt8); put(UInt64(date.year * 10000 + date.month * 100 + date.day))
                case .unusable: put(5 as UInt8); put(0 as UInt64)
                }
            }
            return KeyedDigest.sha256Prefix(UnsafeRawBufferPointer(rebasing: buffer[..<at]), bytes: 16)
        }
    }
}
