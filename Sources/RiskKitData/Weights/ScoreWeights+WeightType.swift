import Foundation

extension ScoreWeights {
    /// The `#weight_type` header text of a PGS Catalog file, nil when the header has none.
    public var declaredWeightType: String? { metadata["weight_type"] }

    /// Puts the weights on the log scale a score sums, and says which type they were read as.
    ///
    /// The type is `given` when set; else the PGS Catalog header's `#weight_type` when it names a known type
    /// (``WeightType/init(declared:)``); else, for a PLINK-style file, `beta` (plink2 sums weights as they are).
    /// Ratios (`OR`, `HR`) are replaced by their natural logarithm.
    /// - Throws: ``DataError`` with code ``DataError/Code/weightTypeUnknown`` for a PGS Catalog file whose header
    ///   does not name a known type (absent, `NR`, anything else) and no `given` type; a ``DataError`` naming the
    ///   line for a ratio that is not positive.
    public mutating func convertToLogScale(given: WeightType?) throws -> WeightType {
        let type: WeightType
        if let given {
            type = given
        } else if source == .plink {
            type = .beta
        } else if let declared = declaredWeightType.flatMap(WeightType.init(declared:)) {
            type = declared
        } else {
            let said = declaredWeightType.map { "`#weight_type=\($0)`" } ?? "no `#weight_type` line"
            throw DataError(code: .weightTypeUnknown, file: file, """
                the header has \(said), so it is not known whether the weights are log-scale effects (beta, \
                log(OR), log(HR): summed as they are) or ratios (OR, HR: summed after ln)
                """)
        }
        weightType = type
        guard type.isRatio else { return type }
        for k in entries.indices {
            let w = entries[k].weight
            guard w > 0 else {
                throw DataError(file: file, line: entries[k].line, column: "effect_weight",
                                "\(w) is not a positive \(type == .oddsRatio ? "odds" : "hazard") ratio, so it has no logarithm")
            }
            entries[k].weight = Foundation.log(w)
        }
        return type
    }
}
