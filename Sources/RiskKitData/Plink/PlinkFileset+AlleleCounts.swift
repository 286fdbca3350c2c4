
extension PlinkFileset {
    /// Missing calls and observed A2 alleles (het + 2 × hom A2) of `variant` over all samples: what an allele
    /// frequency needs (A1 alleles = 2 × called − A2 alleles), without the four separate genotype counts.
    ///
    /// Bit-parallel over the packed record, 16 bytes (64 samples) per step in two 64-bit lanes (SSE2): each 2-bit
    /// code's low and high bits give missing (`01`) and A2-allele (`10` → 1, `11` → 2) fields, which are summed
    /// into byte lanes and reduced every 31 steps before a byte can overflow. Samples past the last whole 16 bytes
    /// are decoded one by one. O(N/64) steps, no allocation; the result equals ``genotypeCounts(variant:samples:)``
    /// over all samples (`missing`, `heterozygous + 2 · homozygousA2`).
    package func missingAndA2Alleles(variant: Int) -> (missing: Int, a2Alleles: Int) {
        let m5 = SIMD2<UInt64>(repeating: 0x5555_5555_5555_5555)
        let m3 = SIMD2<UInt64>(repeating: 0x3333_3333_3333_3333)
        let m0f = SIMD2<UInt64>(repeating: 0x0F0F_0F0F_0F0F_0F0F)
        func total(_ bytes: SIMD2<UInt64>) -> Int {
            let pairs = (bytes & 0x00FF_00FF_00FF_00FF) &+ ((bytes &>> 8) & 0x00FF_00FF_00FF_00FF)
            let sums = (pairs &* 0x0001_0001_0001_0001) &>> 48
            return Int(sums[0] &+ sums[1])
        }
        var missing = 0, a2 = 0
        let steps = sampleCount / 64
        withRecord(variant) { record in
            var step = 0
            while step < steps {
                let end = Swift.min(steps, step + 31)
                var missingBytes = SIMD2<UInt64>(), a2Bytes = SIMD2<UInt64>()
                while step < end {
                    let w = record.loadUnaligned(fromByteOffset: 16 * step, as: SIMD2<UInt64>.self)
                    let low = w & m5, high = (w &>> 1) & m5
                    let miss = low & ~high, alleles = high &+ (low & high)
                    let miss4 = (miss & m3) &+ ((miss &>> 2) & m3)
                    let alleles4 = (alleles & m3) &+ ((alleles &>> 2) & m3)
                    missingBytes &+= (miss4 & m0f) &+ ((miss4 &>> 4) & m0f)
                    a2Bytes &+= (alleles4 & m0f) &+ ((alleles4 &>> 4) & m0f)
                    step += 1
                }
                missing += total(missingBytes)
                a2 += total(a2Bytes)
            }
            for i in (64 * steps)..<sampleCount {
                switch GenotypeCode.code(ofSample: i, in: record) {
                case 1: missing += 1
                case 2: a2 += 1
                case 3: a2 += 2
                default: break
                }
            }
        }
        return (missing, a2)
    }
}
