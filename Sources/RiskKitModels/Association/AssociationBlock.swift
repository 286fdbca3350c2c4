import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// One thread's workspace for ``LogisticAssociation``: a block of variants' genotypes and their Newton state.
///
/// All buffers are allocated once, column-major, sized for `capacity` variants, and reused for every block the
/// thread processes. Columns of a block are compacted as their regressions finish, so later iterations only pay for
/// the variants still running. A block runs in three steps, one file each: decoding the genotypes
/// (`AssociationBlock+Decoding.swift`), screening the variants that cannot be regressed
/// (`AssociationBlock+Screening.swift`), and Newton–Raphson on the rest (`AssociationBlock+Newton.swift`, with the
/// Firth fallback in `AssociationBlock+Firth.swift`).
final class AssociationBlock {
    let model: NullLogisticModel
    let fileset: PlinkFileset
    let sampleIndices: [Int]
    let options: LogisticAssociation.Options
    let capacity: Int
    let n: Int
    let k: Int
    /// Order of each variant's system: intercept, covariates, genotype.
    let order: Int

    /// n × capacity A1 dosages (0 where the call is missing).
    let genotypes: UnsafeMutablePointer<Double>
    /// n × capacity: 1 where the sample has a call, else 0.
    let mask: UnsafeMutablePointer<Double>
    /// n × capacity linear predictors, then weights w = μ(1 − μ) (masked).
    let linear: UnsafeMutablePointer<Double>
    let weights: UnsafeMutablePointer<Double>
    /// n × 2·active: residuals y − μ (masked), then w ⊙ g.
    let residualsAndWeighted: UnsafeMutablePointer<Double>
    /// k(k+1)/2 × capacity: lower triangles of CᵀWC.
    let packedInformation: UnsafeMutablePointer<Double>
    /// k × 2·active: CᵀR, then CᵀWG; reused as CᵀG by the collinearity screen.
    let covariateProducts: UnsafeMutablePointer<Double>
    /// k × capacity covariate coefficients and capacity genotype coefficients.
    let coefficients: UnsafeMutablePointer<Double>
    let genotypeCoefficient: UnsafeMutablePointer<Double>
    /// Per active column: gᵀWg and gᵀR.
    let genotypeInformation: UnsafeMutablePointer<Double>
    let genotypeScore: UnsafeMutablePointer<Double>
    /// order × order system and order-long step and score.
    let system: UnsafeMutablePointer<Double>
    let step: UnsafeMutablePointer<Double>
    let score: UnsafeMutablePointer<Double>
    /// For each active column, its position in the block's output.
    var slots: [Int]
    /// For each active column, whether its decrement has reached the tolerance (the next step is the last).
    var finalizing: [Bool] = []
    /// Rows without a call, per block column (indexed by output position): `missingRows[missingStart[j]..<missingStart[j+1]]`.
    var missingRows: [Int] = []
    var missingStart: [Int]

    init(model: NullLogisticModel, fileset: PlinkFileset, samples: SampleSubset, options: LogisticAssociation.Options,
         capacity: Int) {
        self.model = model
        self.fileset = fileset
        sampleIndices = samples.indices
        self.options = options
        self.capacity = capacity
        n = model.n
        k = model.k
        order = model.k + 1
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, count))
            p.initialize(repeating: 0, count: Swift.max(1, count))
            return p
        }
        genotypes = buffer(n * capacity)
        mask = buffer(n * capacity)
        linear = buffer(n * capacity)
        weights = buffer(n * capacity)
        residualsAndWeighted = buffer(2 * n * capacity)
        packedInformation = buffer(model.pairCount * capacity)
        covariateProducts = buffer(2 * model.k * capacity)
        coefficients = buffer(model.k * capacity)
        genotypeCoefficient = buffer(capacity)
        genotypeInformation = buffer(capacity)
        genotypeScore = buffer(capacity)
        system = buffer((model.k + 1) * (model.k + 1))
        step = buffer(model.k + 1)
        score = buffer(model.k + 1)
        slots = []
        missingStart = [0]
    }

    deinit {
        for p in [genotypes, mask, linear, weights, residualsAndWeighted, packedInformation, covariateProducts,
                  coefficients, genotypeCoefficient, genotypeInformation, genotypeScore, system, step, score] {
            p.deallocate()
        }
    }

    /// Runs the regressions of `variants` (at most `capacity`) and initializes one result per variant at `out`
    /// (uninitialized memory on entry).
    func process(_ variants: ArraySlice<Int>, into out: UnsafeMutablePointer<VariantAssociation>) {
        let count = variants.count
        precondition(count <= capacity, "block of \(count) variants exceeds the workspace")
        slots = []
        missingRows.removeAll(keepingCapacity: true)
        missingStart = [0]
        var caseDosage = [Double](repeating: 0, count: count)
        var dosage = [Double](repeating: 0, count: count)
        var constant = [Bool](repeating: false, count: count)
        for (j, variant) in variants.enumerated() {
            let a1IsAlt = a1IsAlt(variant)
            let stats = decode(variant, a1IsAlt: a1IsAlt, into: j)
            caseDosage[j] = stats.caseDosage
            dosage[j] = stats.dosage
            constant[j] = stats.constant
            let observations = stats.observations
            (out + j).initialize(to: VariantAssociation(
                variant: variant, a1IsAlt: a1IsAlt,
                a1Frequency: observations == 0 ? .nan : stats.dosage / Double(2 * observations),
                observations: observations))
        }
        let active = screen(count: count, constant: constant, caseDosage: caseDosage, dosage: dosage, results: out)
        regress(active, results: out)
    }
}
