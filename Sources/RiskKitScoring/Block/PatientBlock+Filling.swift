import RiskKitRecommendations
import RiskKitModels
import RiskKitData

extension PatientScorer {
    /// Adds one patient to `block` from its feature cells (schema order), the policy's field values
    /// (`fieldValues[k]` for `policy.fields[k]`, nil when not in the record) and the values of the model's
    /// population fields (`populationValue(k)` for ``PopulationChecks/fields``[k]); see ``encode(_:line:value:to:)``.
    /// A patient outside the population is not assessable for that reason before any feature's.
    /// - Throws: ``DataError`` naming the field (and `line`) as ``Feature/encode(_:codec:into:at:stride:)``; the
    ///   block is then unchanged.
    package func append(id: String?, line: Int?, cells: [FieldValue], fieldValues: [FieldValue?],
                        populationValue: (Int) -> FieldValue?, to block: inout PatientBlock) throws {
        let reason = try encode(id, line: line, value: { cells[$0] }, to: &block)
        for k in 0..<block.fieldCount { try setCell(k, value: fieldValues[k], line: line, in: &block) }
        _ = block.beginPatient(id: id, line: line,
                               notAssessable: checks.population.notAssessable(value: populationValue) ?? reason)
    }

    /// Adds a patient given by named values (``PatientInput``) to `block`, as
    /// ``append(id:line:cells:fieldValues:populationValue:to:)`` with the policy's and population's fields looked
    /// up by name.
    package func append(_ input: PatientInput, to block: inout PatientBlock) throws {
        let population = checks.population.fields
        try append(id: input.id, line: input.line, cells: input.cells,
                   fieldValues: policy?.fields.map { input.values[$0.name] } ?? [],
                   populationValue: { input.values[population[$0]] }, to: &block)
    }

    /// Adds the patient of one CSV record of `file` to `block`: each cell the model or the policy uses is parsed
    /// once, straight from the record, as ``append(id:line:cells:fieldValues:to:)`` would get it from
    /// ``PatientFile/featureCell(_:of:)`` (a plain number is read in place without making a ``FieldValue``).
    /// - Throws: as ``append(id:line:cells:fieldValues:to:)``.
    package func append(_ record: borrowing CSVRecord, id: String, of file: PatientFile, layout: RecordLayout,
                        to block: inout PatientBlock) throws {
        let i = block.count, capacity = block.capacity
        precondition(i < capacity, "the block is full")
        var assessable = true
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(1, layout.numberColumns.count)) { numbers in
            // The plain numeric cells, parsed in one pass over the record.
            let parsed = layout.numberColumns.withUnsafeBufferPointer { columns in
                record.decimals(at: columns, into: numbers.baseAddress!, stride: 1) ?? columns.count
            }
            var anyMissing = false
            try block.design.withUnsafeMutableBufferPointer { design in
                try block.missing.withUnsafeMutableBufferPointer { missingFlags in
                    try codecs.withUnsafeBufferPointer { codecs in
                        try columnOffsets.withUnsafeBufferPointer { offsets in
                            try layout.numberSlots.withUnsafeBufferPointer { slots in
                                let out = design.baseAddress!
                                for f in 0..<codecs.count {
                                    let codec = codecs[f], at = offsets[f] * capacity + i, slot = slots[f]
                                    let missing: Bool
                                    if slot >= 0 && slot < parsed && (numbers[slot].isNaN || codec.accepts(numbers[slot])) {
                                        missing = numbers[slot].isNaN
                                        if let error = checks.implausible(number: numbers[slot], feature: f, line: record.line) {
                                            throw error
                                        }
                                        codec.encode(number: numbers[slot], into: out, at: at, stride: capacity)
                                    } else {
                                        let cell = f == layout.joinedFeature ? genotypeCell(id) : file.featureCell(f, of: record)
                                        missing = try encode(f, cell, into: out, at: at, stride: capacity, line: record.line)
                                        assessable = assessable && admits(f, missing: missing, encoded: out[at])
                                    }
                                    missingFlags[f * capacity + i] = missing
                                    anyMissing = anyMissing || missing
                                }
                            }
                        }
                    }
                }
            }
            block.anyMissing[i] = anyMissing
            // The plain numbers' applicability in one pass down the parsed cells (the others were checked above).
            assessable = assessable && layout.admits(UnsafeBufferPointer(rebasing: numbers[..<parsed]))
        }
        for k in 0..<block.fieldCount {
            try setCell(k, value: layout.policyColumns[k].map { record.value(at: $0) }, line: record.line, in: &block)
        }
        let outside = checks.population.notAssessable { k in layout.populationColumns[k].map { record.value(at: $0) } }
        _ = block.beginPatient(id: id, line: record.line,
                               notAssessable: outside ?? (assessable ? nil : notAssessableReason(of: block)))
    }

    /// Encodes the features of the block's next patient from their parsed cells (`value(f)`; the polygenic
    /// score's is replaced by the patient's score from ``genotypeScores`` when there are genotype scores) down the
    /// block's columns, recording which were missing; returns why the model cannot assess the patient (nil: it can).
    private func encode(_ id: String?, line: Int?, value: (Int) -> FieldValue,
                        to block: inout PatientBlock) throws -> NotAssessableReason? {
        let i = block.count, capacity = block.capacity
        precondition(i < capacity, "the block is full")
        let joined = genotypeScores == nil ? -1 : geneticFeature ?? -1
        let assessable = try block.design.withUnsafeMutableBufferPointer { design in
            var anyMissing = false, assessable = true
            for f in 0..<codecs.count {
                let at = columnOffsets[f] * capacity + i
                let missing = try encode(f, f == joined ? genotypeCell(id) : value(f), into: design.baseAddress!,
                                         at: at, stride: capacity, line: line)
                block.missing[f * capacity + i] = missing
                anyMissing = anyMissing || missing
                assessable = assessable && admits(f, missing: missing, encoded: design[at])
            }
            block.anyMissing[i] = anyMissing
            return assessable
        }
        return assessable ? nil : notAssessableReason(of: block)
    }

    /// Whether feature f's value lets the model assess the patient (``PatientChecks/admits(number:feature:)``),
    /// from whether it was missing and its first encoded column (see ``checkedValue(_:missing:encoded:)``).
    @inline(__always)
    private func admits(_ f: Int, missing: Bool, encoded: Double) -> Bool {
        checks.admits(number: checkedValue(f, missing: missing, encoded: encoded), feature: f)
    }

    /// Feature f's value as the applicability checks take it: `NaN` when missing, the raw number (the first
    /// encoded column) for a numeric or binary feature, 0 for a present level.
    @inline(__always)
    private func checkedValue(_ f: Int, missing: Bool, encoded: Double) -> Double {
        missing ? .nan : codecs[f].kind == .categorical ? 0 : encoded
    }

    /// Why the model cannot assess the block's next patient (being filled, its features encoded), or nil: the first
    /// feature in schema order that stops it (``PatientChecks/notAssessable(number:feature:)``). Only for a
    /// patient that failed ``admits(_:missing:encoded:)``: the reason is built here, not on the pass path.
    private func notAssessableReason(of block: PatientBlock) -> NotAssessableReason? {
        let i = block.count, capacity = block.capacity
        for f in 0..<codecs.count {
            let x = checkedValue(f, missing: block.missing[f * capacity + i], encoded: block.design[columnOffsets[f] * capacity + i])
            if let reason = checks.notAssessable(number: x, feature: f) { return reason }
        }
        return nil
    }

    /// The polygenic score cell of the patient `id`: their score, or missing without genotypes.
    private func genotypeCell(_ id: String?) -> FieldValue {
        genotypeScores?.score(for: id).map(FieldValue.number) ?? .missing
    }

    /// Writes feature f's encoded columns for a parsed cell with the model's one encoder (``FeatureCodec``; the
    /// feature itself checks and names what it rejects); returns whether the cell was missing.
    /// - Throws: ``DataError`` naming the field and `line` as ``Feature/encode(_:codec:into:at:stride:)``.
    @inline(__always)
    private func encode(_ f: Int, _ cell: FieldValue, into out: UnsafeMutablePointer<Double>, at offset: Int,
                        stride: Int, line: Int?) throws -> Bool {
        let codec = codecs[f]
        switch cell {
        case .missing where codec.kind != .categorical:
            codec.encode(number: .nan, into: out, at: offset, stride: stride)
            return true
        case .number(let number) where codec.accepts(number):
            if let error = checks.implausible(number: number, feature: f, line: line) { throw error }
            codec.encode(number: number, into: out, at: offset, stride: stride)
            return false
        case .text(let label) where codec.kind == .categorical:
            if let k = levels[f].firstIndex(of: label) {
                codec.encode(levelIndex: k, into: out, at: offset, stride: stride)
                return false
            }
        default:
            break
        }
        do {
            return try model.schema.features[f].encode(cell, codec: codec, into: out, at: offset, stride: stride)
        } catch var error as DataError {
            error.line = error.line ?? line
            throw error
        }
    }

    /// Sets policy field k of the block's next patient from its value (nil: not in the record).
    /// - Throws: ``DataError`` when the value of a policy field that is no model feature is implausible.
    private func setCell(_ k: Int, value: FieldValue?, line: Int?, in block: inout PatientBlock) throws {
        if checks.checksField[k], let error = checks.implausible(fieldValue: value, slot: k, line: line) { throw error }
        let index = block.count * block.fieldCount + k
        // Through the optional, so the policy is borrowed, not copied, per cell.
        let (cell, problem) = policy?.cell(field: k, for: value) ?? (.absent, nil)
        block.cells[index] = cell
        if let problem { block.cellProblems[index] = problem }
    }
}

/// Where a file's cells go for one scorer: which columns are read as plain numbers in one pass, and the policy's
/// columns.
package struct RecordLayout: Sendable {
    /// The file columns of the numeric and binary features read in one pass (``CSVRecord/decimals(at:into:stride:)``).
    let numberColumns: [Int]
    /// For each feature, its position in ``numberColumns``, or −1 (categorical, absent, or joined from genotypes).
    let numberSlots: [Int]
    /// The feature whose cell comes from the genotype scores (−1: none).
    let joinedFeature: Int
    /// For each policy field, its file column (nil: not in the file).
    let policyColumns: [Int?]
    /// For each of the model's population fields (``PopulationChecks/fields``), its file column (nil: not in the file).
    let populationColumns: [Int?]
    /// Whether a bad row is left out (listed in the block's rejects) instead of stopping the file.
    let skippingBadRows: Bool
    /// For each of ``numberColumns``, its feature's applicable bounds and whether a missing value stops the
    /// assessment (``PatientChecks/admits(number:feature:)``, by position in the parsed numbers).
    let numberLower: [Double], numberUpper: [Double], numberStopsWhenMissing: [Bool]

    /// The layout of `file` for `scorer`.
    init(file: PatientFile, scorer: PatientScorer, skippingBadRows: Bool = false) {
        self.skippingBadRows = skippingBadRows
        joinedFeature = scorer.genotypeScores == nil ? -1 : scorer.geneticFeature ?? -1
        var columns: [Int] = [], slots: [Int] = []
        for (f, codec) in scorer.codecs.enumerated() {
            let c = file.featureColumns[f]
            if codec.kind != .categorical && c >= 0 && f != joinedFeature {
                slots.append(columns.count)
                columns.append(c)
            } else {
                slots.append(-1)
            }
        }
        numberColumns = columns
        numberSlots = slots
        let features = slots.indices.filter { slots[$0] >= 0 }
        (numberLower, numberUpper, numberStopsWhenMissing) = scorer.checks.admissionBounds(of: features)
        policyColumns = file.columns(named: scorer.policy?.fields.map(\.name) ?? [])
        populationColumns = file.columns(named: scorer.checks.population.fields)
    }

    /// Whether the plain numbers parsed from a record (`numbers[s]` for ``numberColumns``[s], `NaN` when missing)
    /// let the model assess the patient: two comparisons per value, in one pass.
    func admits(_ numbers: UnsafeBufferPointer<Double>) -> Bool {
        numberLower.withUnsafeBufferPointer { lower in
            numberUpper.withUnsafeBufferPointer { upper in
                numberStopsWhenMissing.withUnsafeBufferPointer { stops in
                    var admitted = true
                    for s in numbers.indices {
                        admitted = admitted && PatientChecks.admits(numbers[s], lower: lower[s], upper: upper[s],
                                                                    stopsWhenMissing: stops[s])
                    }
                    return admitted
                }
            }
        }
    }
}
