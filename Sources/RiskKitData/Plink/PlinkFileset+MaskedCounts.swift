
extension PlinkFileset {
    /// Genotype code counts of `variant` over the samples selected in `mask` (``selectionMask(_:)``): four AND +
    /// popcount per 64-bit word, O(N/32), no allocation.
    package func genotypeCounts(variant: Int, mask: [UInt64]) -> GenotypeCounts {
        var c = (0, 0, 0, 0)
        let low: UInt64 = 0x5555_5555_5555_5555
        withRecord(variant) { record in
            mask.withUnsafeBufferPointer { selected in
                let full = bytesPerVariant / 8
                func add(_ x: UInt64, _ s: UInt64) {
                    let lo = x & low, hi = (x >> 1) & low
                    c.0 += (~(lo | hi) & low & s).nonzeroBitCount
                    c.1 += (lo & ~hi & s).nonzeroBitCount
                    c.2 += (hi & ~lo & s).nonzeroBitCount
                    c.3 += (lo & hi & s).nonzeroBitCount
                }
                for w in 0..<full { add(record.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self), selected[w]) }
                if full * 8 < bytesPerVariant {
                    var tail: UInt64 = 0
                    for b in (full * 8)..<bytesPerVariant { tail |= UInt64(record[b]) << UInt64(8 * (b - full * 8)) }
                    add(tail, selected[full])
                }
            }
        }
        return GenotypeCounts(homozygousA1: c.0, heterozygous: c.2, homozygousA2: c.3, missing: c.1)
    }
}
