import RiskKitData

// MARK: - Decoding

extension AssociationBlock {

    /// Whether A1 is ALT for `variant` under the chosen rule.
    func a1IsAlt(_ variant: Int) -> Bool {
        switch options.alleles {
        case .alt: return true
        case .minor(let frequencySamples):
            let counts = fileset.genotypeCounts(variant: variant, samples: frequencySamples)
            return 2 * counts.allele1Count <= counts.alleleObservations
        }
    }

    /// Decodes `variant` into block column `j`: A1 dosages (0 when missing), the mask, and the missing rows.
    func decode(_ variant: Int, a1IsAlt: Bool, into j: Int)
        -> (observations: Int, dosage: Double, caseDosage: Double, constant: Bool) {
        // Codes 0 hom ALT, 1 missing, 2 het, 3 hom REF. All samples: byte tables give four dosages, four mask
        // values and the four codes' counts per byte; a subset takes two bits per sample.
        let g = genotypes + j * n, m = mask + j * n
        var counts = (0, 0, 0, 0)
        let dosages = a1IsAlt ? GenotypeCode.calledA1Dosages : GenotypeCode.calledA2Dosages
        dosages.withUnsafeBufferPointer { dosage in
            GenotypeCode.calledSlots.withUnsafeBufferPointer { masks in
                GenotypeCode.packedCounts.withUnsafeBufferPointer { packed in
                    GenotypeCode.missingSlots.withUnsafeBufferPointer { missingSlots in
                        sampleIndices.withUnsafeBufferPointer { indices in
                            fileset.withRecord(variant) { record in
                                if n == fileset.sampleCount {
                                    let full = n / 4
                                    var start = 0
                                    while start < full {
                                        let end = Swift.min(full, start + GenotypeCode.packedCountsRun)
                                        var word: UInt64 = 0
                                        for b in start..<end {
                                            let byte = Int(record[b])
                                            let t = byte << 2, o = b << 2
                                            g[o] = dosage[t]; g[o + 1] = dosage[t + 1]; g[o + 2] = dosage[t + 2]; g[o + 3] = dosage[t + 3]
                                            m[o] = masks[t]; m[o + 1] = masks[t + 1]; m[o + 2] = masks[t + 2]; m[o + 3] = masks[t + 3]
                                            word &+= packed[byte]
                                            var missing = missingSlots[byte]
                                            while missing != 0 {
                                                missingRows.append(o + missing.trailingZeroBitCount)
                                                missing &= missing - 1
                                            }
                                        }
                                        GenotypeCode.addLanes(of: word, to: &counts)
                                        start = end
                                    }
                                    for r in (full * 4)..<n { store(r, sample: r) }
                                } else {
                                    for r in 0..<n { store(r, sample: indices[r]) }
                                }
                                func store(_ r: Int, sample i: Int) {
                                    let code = Int(GenotypeCode.code(ofSample: i, in: record))
                                    g[r] = dosage[code << 2]    // slot 0 of the byte whose value is the code
                                    m[r] = masks[code << 2]
                                    switch code {
                                    case 0: counts.0 += 1
                                    case 1: counts.1 += 1; missingRows.append(r)
                                    case 2: counts.2 += 1
                                    default: counts.3 += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var sum = 0.0, caseSum = 0.0
        model.outcome.withUnsafeBufferPointer { y in
            for r in 0..<n {
                sum += g[r]
                caseSum += g[r] * y[r]
            }
        }
        let classes = [counts.0, counts.1, counts.2, counts.3]
        missingStart.append(missingRows.count)
        let observations = n - classes[1]
        let constant = classes[0] == observations || classes[2] == observations || classes[3] == observations
        return (observations, sum, caseSum, constant)
    }
}
