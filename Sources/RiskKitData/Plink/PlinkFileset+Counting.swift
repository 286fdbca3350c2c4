
extension PlinkFileset {
    /// Counts each genotype code of `variant` over `samples`.
    ///
    /// All samples: whole bytes go through a 256-entry table of four 16-bit counters (flushed every 16 000 bytes),
    /// the final partial byte slot by slot, so padding bits are never counted. Subset: two bits per selected
    /// sample. O(N/4) table look-ups, or O(|subset|); no allocation.
    public func genotypeCounts(variant: Int, samples: SampleSubset) -> GenotypeCounts {
        precondition(samples.sampleCount == sampleCount, "subset is for another fileset")
        var c = (0, 0, 0, 0)
        withRecord(variant) { record in
            GenotypeCode.packedCounts.withUnsafeBufferPointer { table in
                if samples.isAll {
                    let full = sampleCount / 4
                    var start = 0
                    while start < full {
                        let end = Swift.min(full, start + GenotypeCode.packedCountsRun)
                        var word: UInt64 = 0
                        for j in start..<end { word &+= table[Int(record[j])] }
                        GenotypeCode.addLanes(of: word, to: &c)
                        start = end
                    }
                    for i in (full * 4)..<sampleCount {
                        switch GenotypeCode.code(ofSample: i, in: record) {
                        case 0: c.0 += 1
                        case 1: c.1 += 1
                        case 2: c.2 += 1
                        default: c.3 += 1
                        }
                    }
                } else {
                    for i in samples.indices {
                        switch GenotypeCode.code(ofSample: i, in: record) {
                        case 0: c.0 += 1
                        case 1: c.1 += 1
                        case 2: c.2 += 1
                        default: c.3 += 1
                        }
                    }
                }
            }
        }
        return GenotypeCounts(homozygousA1: c.0, heterozygous: c.2, homozygousA2: c.3, missing: c.1)
    }

    /// Adds, for each sample of `samples`, the number of missing calls among `variants` to `missing[position in subset]`.
    ///
    /// All samples: a 256-entry table gives each byte's missing slots, so bytes without missing calls cost one
    /// look-up. O(|variants| · N/4) look-ups, or O(|variants| · |subset|).
    public func sampleMissingCounts(variants: [Int], samples: SampleSubset) -> [Int] {
        precondition(samples.sampleCount == sampleCount, "subset is for another fileset")
        var missing = [Int](repeating: 0, count: samples.count)
        missing.withUnsafeMutableBufferPointer { out in
            GenotypeCode.missingSlots.withUnsafeBufferPointer { table in
                for v in variants {
                    withRecord(v) { record in
                        if samples.isAll {
                            for j in 0..<bytesPerVariant {
                                var mask = table[Int(record[j])]
                                while mask != 0 {
                                    let k = mask.trailingZeroBitCount
                                    let i = 4 * j + k
                                    if i < sampleCount { out[i] += 1 }
                                    mask &= mask - 1
                                }
                            }
                        } else {
                            for (p, i) in samples.indices.enumerated()
                            where GenotypeCode.code(ofSample: i, in: record) == 1 {
                                out[p] += 1
                            }
                        }
                    }
                }
            }
        }
        return missing
    }
}
