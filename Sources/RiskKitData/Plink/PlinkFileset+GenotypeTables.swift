
extension PlinkFileset {
    /// The genotype classes of one variant over selected samples, as bit sets over the `.bed` record's 64-bit words.
    ///
    /// Word `w` covers samples 32w…32w+31; sample `i` is bit `2·(i % 32)` (the low bit of its 2-bit slot). Each class
    /// holds the selected, called samples with that A1 dosage; missing calls and unselected samples are in none.
    package struct GenotypeClasses {
        /// Bit sets of dosage 2, 1 and 0, `words` each, laid out one after another.
        var bits: [UInt64]
        /// 64-bit words per class: ⌈N/32⌉.
        let words: Int
    }

    /// Words of the low-bit selection mask: bit `2·(i % 32)` of word `i / 32` is set when sample `i` is selected.
    package func selectionMask(_ samples: SampleSubset) -> [UInt64] {
        precondition(samples.sampleCount == sampleCount, "subset is for another fileset")
        var mask = [UInt64](repeating: 0, count: (sampleCount + 31) / 32)
        for i in samples.indices { mask[i >> 5] |= 1 << UInt64(2 * (i & 31)) }
        return mask
    }

    /// Calls `body` with each 64-bit word of `variant`'s record (the last one zero-padded), in order.
    @inline(__always)
    private func forEachWord(_ variant: Int, _ body: (Int, UInt64) -> Void) {
        withRecord(variant) { record in
            let full = bytesPerVariant / 8
            for w in 0..<full { body(w, record.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self)) }
            if full * 8 < bytesPerVariant {
                var tail: UInt64 = 0
                for b in (full * 8)..<bytesPerVariant { tail |= UInt64(record[b]) << UInt64(8 * (b - full * 8)) }
                body(full, tail)
            }
        }
    }

    /// `variant`'s genotype classes over the samples of `mask` (see ``selectionMask(_:)``). O(N/32).
    package func genotypeClasses(_ variant: Int, mask: [UInt64]) -> GenotypeClasses {
        let words = mask.count
        var bits = [UInt64](repeating: 0, count: 3 * words)
        let low: UInt64 = 0x5555_5555_5555_5555
        forEachWord(variant) { w, x in
            let lo = x & low, hi = (x >> 1) & low
            bits[w] = ~(lo | hi) & low & mask[w]            // 00: dosage 2
            bits[words + w] = hi & ~lo & mask[w]            // 10: dosage 1
            bits[2 * words + w] = lo & hi & mask[w]         // 11: dosage 0
        }
        return GenotypeClasses(bits: bits, words: words)
    }

    /// The 3×3 table `t[3·a + b]` = number of samples in `first` with dosage `a` whose call at `variant` is dosage
    /// `b` (missing calls at either variant left out): nine AND + popcount per 64-bit word, O(N/32), no allocation
    /// beyond the 9-entry result.
    package func genotypeTable(_ first: GenotypeClasses, _ variant: Int) -> [Double] {
        var n = [Int](repeating: 0, count: 9)
        let low: UInt64 = 0x5555_5555_5555_5555
        let words = first.words
        first.bits.withUnsafeBufferPointer { x in
            forEachWord(variant) { w, y in
                let lo = y & low, hi = (y >> 1) & low
                let y2 = ~(lo | hi) & low, y1 = hi & ~lo, y0 = lo & hi
                for a in 0..<3 {
                    let xa = x[(2 - a) * words + w]
                    guard xa != 0 else { continue }
                    n[3 * a] += (xa & y0).nonzeroBitCount
                    n[3 * a + 1] += (xa & y1).nonzeroBitCount
                    n[3 * a + 2] += (xa & y2).nonzeroBitCount
                }
            }
        }
        return n.map(Double.init)
    }
}
