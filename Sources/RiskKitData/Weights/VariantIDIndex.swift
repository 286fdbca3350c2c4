
/// The first position of each variant id in a list: an open-addressing hash table over the ids' UTF-8 bytes.
///
/// Built for matching a weight file against a `.bim` (10⁵–10⁷ short ids), where `Dictionary<String, Int>`'s
/// SipHash of every key dominated. Hash: 64-bit FNV-1a of the UTF-8 bytes; linear probing in a power-of-two table
/// at most half full; a slot stores an index into `ids`, and a probe compares the strings. O(n) expected to build,
/// O(1) expected per look-up, 4 bytes per slot.
package struct VariantIDIndex {
    private let ids: [String]
    private var slots: [Int32]
    private let mask: Int

    /// Indexes `ids`; an id that occurs more than once maps to its first position.
    package init(_ ids: [String]) {
        precondition(ids.count < Int(Int32.max), "too many variants for a 32-bit index")
        self.ids = ids
        var capacity = 16
        while capacity < 2 * ids.count { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (k, id) in ids.enumerated() {
            var s = Self.hash(id) & mask
            while true {
                let other = Int(slots[s])
                if other < 0 {
                    slots[s] = Int32(k)
                    break
                }
                if ids[other] == id { break }
                s = (s + 1) & mask
            }
        }
    }

    /// The first position of `id`, nil when absent.
    package func first(_ id: String) -> Int? {
        var s = Self.hash(id) & mask
        while true {
            let k = Int(slots[s])
            if k < 0 { return nil }
            if ids[k] == id { return k }
            s = (s + 1) & mask
        }
    }

    private static func hash(_ id: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        // Fold the high bits in: the table index uses the low ones.
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
