import Foundation

extension PlinkFileset {
    /// For each listed variant, `Σᵢ wᵢ·xᵢ` over its called samples (`xᵢ` the A1 dosage 0/1/2) and `Σᵢ wᵢ` over its
    /// missing calls, for per-sample weights `w` in `.fam` order (length N; give unselected samples weight 0).
    ///
    /// This is `Xᵀw` straight from the packed `.bed` bytes, with no decoded matrix. A 16-entry table per pair of
    /// samples holds the weighted dosage sum of every 4-bit pattern (`16·⌈N/2⌉` doubles, built once in O(N)), so a
    /// variant costs two look-ups per byte; missing calls are found as bits of `lo & ~hi` in 64-bit words (padding
    /// bits are code `00` and weight 0, so they add nothing). O(M·N/2) look-ups and no allocation beyond the table;
    /// the variants are split into `threads` contiguous ranges run with `DispatchQueue.concurrentPerform`, each
    /// writing its own part of the outputs.
    package func dosageSums(variants: [Int], weights: [Double], threads: Int) -> (dosage: [Double], missing: [Double]) {
        precondition(weights.count == sampleCount, "one weight per .fam sample")
        let pairs = (sampleCount + 1) / 2
        var table = [Double](repeating: 0, count: 16 * (pairs + 1))
        let dosageOfCode = GenotypeCode.calledA1DosageOfCode
        for p in 0..<pairs {
            let w0 = weights[2 * p], w1 = 2 * p + 1 < sampleCount ? weights[2 * p + 1] : 0
            for t in 0..<16 { table[16 * p + t] = dosageOfCode[t & 3] * w0 + dosageOfCode[t >> 2] * w1 }
        }
        var dosage = [Double](repeating: 0, count: variants.count)
        var missing = [Double](repeating: 0, count: variants.count)
        let chunks = Swift.max(1, Swift.min(threads, variants.count))
        let bytes = bytesPerVariant
        table.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                dosage.withUnsafeMutableBufferPointer { d in
                    missing.withUnsafeMutableBufferPointer { m in
                        nonisolated(unsafe) let (tp, wp) = (t.baseAddress!, w.baseAddress!)
                        nonisolated(unsafe) let (dp, mp) = (d.baseAddress!, m.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let start = variants.count * chunk / chunks, end = variants.count * (chunk + 1) / chunks
                            for k in start..<end {
                                withRecord(variants[k]) { record in
                                    let sums = Self.weightedSums(record, bytes: bytes, table: tp, weights: wp)
                                    dp[k] = sums.dosage
                                    mp[k] = sums.missing
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dosage, missing)
    }

    /// One record's weighted dosage sum (two nibble look-ups per byte, four partial sums) and missing-call weight.
    @inline(__always)
    private static func weightedSums(_ record: UnsafeRawBufferPointer, bytes: Int, table t: UnsafePointer<Double>,
                                     weights: UnsafePointer<Double>) -> (dosage: Double, missing: Double) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, missing = 0.0
        let low: UInt64 = 0x5555_5555_5555_5555
        let words = bytes / 8
        for wIndex in 0..<words {
            let x = record.loadUnaligned(fromByteOffset: 8 * wIndex, as: UInt64.self)
            let base = t + 256 * wIndex
            var k = 0
            while k < 16 {
                s0 += base[16 * k + Int((x >> UInt64(4 * k)) & 15)]
                s1 += base[16 * (k + 1) + Int((x >> UInt64(4 * k + 4)) & 15)]
                s2 += base[16 * (k + 2) + Int((x >> UInt64(4 * k + 8)) & 15)]
                s3 += base[16 * (k + 3) + Int((x >> UInt64(4 * k + 12)) & 15)]
                k += 4
            }
            var miss = x & ~(x >> 1) & low
            while miss != 0 {
                missing += weights[32 * wIndex + miss.trailingZeroBitCount / 2]
                miss &= miss - 1
            }
        }
        for b in (8 * words)..<bytes {
            let x = record[b]
            s0 += t[32 * b + Int(x & 15)]
            s1 += t[32 * b + 16 + Int(x >> 4)]
            for slot in 0..<4 where GenotypeCode.code(x, slot: slot) == GenotypeCode.missing { missing += weights[4 * b + slot] }
        }
        return ((s0 + s1) + (s2 + s3), missing)
    }
}
