import RiskKitData

/// The patient ids seen so far in a batch, to refuse a second patient with the same id: two records for one
/// person would give two contradictory reports (or, in a history, a duplicated record).
///
/// Storage: the ids in order with their first lines, and an open-addressing table (linear probing, power-of-two
/// size, at most half full) of their hash values (``PatientBlock``'s `idHashes`, computed while the block was
/// filled, on whichever thread filled it). Equal hashes are confirmed by comparing the ids.
public struct PatientIDs: Sendable {
    private var ids: [String] = []
    private var lines: [Int] = []
    /// Slots of the table: 1 + the position in ``ids``, or 0 when empty; parallel to ``hashes``.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var hashes = [Int](repeating: 0, count: 1024)

    /// An empty set of ids.
    public init() {}

    /// Records the ids of `block`'s patients in order, up to the first that was seen before; returns that
    /// patient's position in the block (its id is not recorded) and the error to report, or nil when all are new.
    /// The error names the two lines, never the id itself (ids are patient data).
    package mutating func firstDuplicate(in block: PatientBlock) -> (index: Int, error: DataError)? {
        for i in 0..<block.count {
            guard let id = block.ids[i] else { continue }
            if let error = duplicate(id, hash: block.idHashes[i], line: block.lines[i]) { return (i, error) }
        }
        return nil
    }

    /// Records `id` (on `line`, when known); returns the error to report when it was seen before, as
    /// ``firstDuplicate(in:)`` does (the id is then not recorded).
    package mutating func duplicate(_ id: String, hash: Int? = nil, line: Int?) -> DataError? {
        guard let first = insert(id, hash: hash ?? id.hashValue, line: line ?? -1) else { return nil }
        let earlier = first >= 0 ? " (first on line \(first))" : ""
        return DataError(code: .invalidData, line: line, "a patient id given twice\(earlier): each patient must appear once")
    }

    /// Adds `id`; returns the line of its earlier occurrence instead when it was already there.
    private mutating func insert(_ id: String, hash: Int, line: Int) -> Int? {
        if 2 * (ids.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var k = hash & mask
        while slots[k] != 0 {
            let j = Int(slots[k]) - 1
            if hashes[k] == hash && ids[j] == id { return lines[j] }
            k = (k + 1) & mask
        }
        slots[k] = Int32(ids.count + 1)
        hashes[k] = hash
        ids.append(id)
        lines.append(line)
        return nil
    }

    /// Doubles the table and puts every entry back.
    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = [Int32](repeating: 0, count: 2 * oldSlots.count)
        hashes = [Int](repeating: 0, count: 2 * oldSlots.count)
        let mask = slots.count - 1
        for (slot, hash) in zip(oldSlots, oldHashes) where slot != 0 {
            var k = hash & mask
            while slots[k] != 0 { k = (k + 1) & mask }
            slots[k] = slot
            hashes[k] = hash
        }
    }
}
