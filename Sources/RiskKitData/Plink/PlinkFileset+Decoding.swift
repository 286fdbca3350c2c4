import RiskKitLinearAlgebra

extension PlinkFileset {
    /// The default number of variants per decoded block.
    public static let defaultBlockSize = 256

    /// Decodes `variants` × `samples` into a new `samples.count × variants.count` matrix of A1 dosages.
    ///
    /// See ``decode(variants:samples:missing:into:)`` for the layout and cost.
    public func decode(variants: some Collection<Int>, samples: SampleSubset,
                       missing: MissingGenotypes) -> Matrix {
        var block = Matrix(rows: samples.count, columns: variants.count)
        decode(variants: variants, samples: samples, missing: missing, into: &block)
        return block
    }

    /// Decodes `variants` × `samples` into `block` (`samples.count` rows, `variants.count` columns): column-major,
    /// column `j` holds variant `variants[j]`, row `r` sample `samples.indices[r]`; entries are A1 dosages 0/1/2.
    ///
    /// All samples: one 1024-entry table maps a byte to its four dosages (four stores per byte); subset: two bits
    /// per selected sample. Mean imputation adds one pass over the column. O(|variants| · |samples|) time, no
    /// allocation beyond `block`; call it block by block (≈``defaultBlockSize`` variants) to keep memory at
    /// N × B doubles rather than N × M.
    public func decode(variants: some Collection<Int>, samples: SampleSubset, missing: MissingGenotypes,
                       into block: inout Matrix) {
        precondition(samples.sampleCount == sampleCount, "subset is for another fileset")
        precondition(block.rows == samples.count && block.columns == variants.count,
                     "block must be \(samples.count)×\(variants.count)")
        let rows = samples.count
        let full = sampleCount / 4
        block.withUnsafeMutableBufferPointer { out in
            GenotypeCode.dosages.withUnsafeBufferPointer { table in
                for (j, v) in variants.enumerated() {
                    let column = j * rows
                    withRecord(v) { record in
                        if samples.isAll {
                            for b in 0..<full {
                                let t = Int(record[b]) << 2
                                let o = column + 4 * b
                                out[o] = table[t]; out[o + 1] = table[t + 1]
                                out[o + 2] = table[t + 2]; out[o + 3] = table[t + 3]
                            }
                            for i in (full * 4)..<sampleCount {
                                out[column + i] = GenotypeCode.dosageOfCode[Int(GenotypeCode.code(ofSample: i, in: record))]
                            }
                        } else {
                            for (r, i) in samples.indices.enumerated() {
                                out[column + r] = GenotypeCode.dosageOfCode[Int(GenotypeCode.code(ofSample: i, in: record))]
                            }
                        }
                    }
                    if missing == .meanImputed {
                        var sum = 0.0, called = 0
                        for r in column..<(column + rows) where !out[r].isNaN {
                            sum += out[r]
                            called += 1
                        }
                        if called < rows {
                            let mean = called == 0 ? 0 : sum / Double(called)
                            for r in column..<(column + rows) where out[r].isNaN { out[r] = mean }
                        }
                    }
                }
            }
        }
    }

    /// The `variants` cut into consecutive blocks of at most `blockSize`, each decoded on demand.
    public func blocks(variants: [Int], samples: SampleSubset, missing: MissingGenotypes,
                       blockSize: Int = PlinkFileset.defaultBlockSize) -> GenotypeBlocks {
        GenotypeBlocks(fileset: self, variants: variants, samples: samples, missing: missing, blockSize: blockSize)
    }
}
