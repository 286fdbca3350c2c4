import Foundation
import RiskKitStatistics

/// Generates a synthetic cohort for a 10-year cardiovascular event: lifestyle and clinical covariates, genotype
/// dosages, and a binary outcome drawn from a known logistic model.
///
/// The individuals depend on `seed`; the SNP allele frequencies and effects depend only on the number of SNPs, so
/// two seeds give two independent samples from the same population (a training and a validation cohort).
/// Some cells are blanked as missing (about 3% of activity and alcohol, 5% of HbA1c, 2% of LDL, 0.5% of outcomes)
/// so that imputation and skipped-row reporting are exercised. The data are synthetic and describe no real person.
public struct CohortSimulation: Sendable {
    /// Number of individuals.
    public var individuals: Int
    /// Number of SNPs.
    public var snps: Int
    /// Seed of the individuals' random draws.
    public var seed: UInt64
    /// Number of causal SNPs, evenly spaced through the panel (default: every 10th SNP).
    public var causalSNPs: Int
    /// Standard deviation of the genetic score on the log-odds scale.
    public var geneticSD: Double
    /// Number of ancestral populations (1: one homogeneous population). With more, each individual belongs to one,
    /// drawn uniformly, whose allele frequencies drift from the panel's (see ``populationFrequencies``); cohort.csv
    /// then ends with a `population` column (P1, P2, …).
    public var populations = 1
    /// Drift between populations (Balding–Nichols F_ST).
    public static let populationDrift = 0.05
    /// The conditions whose outcomes are drawn (`cvd` always is). Each other one appends its
    /// ``SimulatedCondition/columns`` after the CVD columns, then ``recordColumns`` follow once (see
    /// ``ConditionSimulation``); the CVD columns stay byte-identical for a seed.
    public var conditions: Set<SimulatedCondition> = [.cvd]

    /// Creates a simulation plan.
    public init(individuals: Int, snps: Int, seed: UInt64, causalSNPs: Int? = nil,
                geneticSD: Double = CohortSimulation.defaultGeneticSD) {
        self.individuals = individuals
        self.snps = snps
        self.seed = seed
        self.causalSNPs = causalSNPs ?? (snps + 9) / 10
        self.geneticSD = geneticSD
    }

    /// Column names of this plan's `cohort.csv`: ``cohortColumns``, then `population` when there are several, then
    /// the columns of the other conditions and the care-record columns when any other condition is simulated.
    public var columns: [String] {
        let others = SimulatedCondition.allCases.filter { $0 != .cvd && conditions.contains($0) }
        return Self.cohortColumns + (populations > 1 ? ["population"] : [])
            + others.flatMap(\.columns) + (others.isEmpty ? [] : Self.recordColumns)
    }

    /// Allele frequencies per population (`[population][snp]`): f + √(F_ST·f(1−f))·N(0, 1), clamped to
    /// [0.01, 0.99], from a generator seeded by the panel size and the number of populations only (two seeds share
    /// them). The effects stay the panel's, so the genetic score's mean differs between populations, as polygenic
    /// scores' do between ancestries.
    public func populationFrequencies(_ panel: [TrueSNP]) -> [[Double]] {
        guard populations > 1 else { return [panel.map(\.frequency)] }
        var rng = SplitMix64(seed: 0x504F_5055_4C41_5400 ^ UInt64(panel.count) ^ (UInt64(populations) << 32))
        return (0..<populations).map { _ in
            panel.map { snp in
                let f = snp.frequency + (Self.populationDrift * snp.frequency * (1 - snp.frequency)).squareRoot() * rng.nextNormal()
                return Swift.min(0.99, Swift.max(0.01, f))
            }
        }
    }

    /// This plan's SNP panel (see ``snpPanel(count:causal:geneticSD:)``).
    public var panel: [TrueSNP] { Self.snpPanel(count: snps, causal: causalSNPs, geneticSD: geneticSD) }

    /// Column names of `cohort.csv`, in order.
    public static let cohortColumns = [
        "id", "age", "sex", "region", "smoker", "pack_years", "years_since_quit", "bmi", "systolic_bp", "diastolic_bp",
        "total_chol", "hdl_chol", "ldl_chol", "diabetes", "hba1c", "activity_min_week", "alcohol_drinks_week",
        "family_history_cvd", "on_bp_treatment", "cvd_10y",
    ]

    /// The true clinical effects (log odds), shared by every seed.
    public static let clinicalEffects: [TrueEffect] = [
        TrueEffect(name: "age", coefficient: 0.07, center: 55),
        TrueEffect(name: "sex=M", coefficient: 0.45, center: 0),
        TrueEffect(name: "smoker", coefficient: 0.70, center: 0),
        TrueEffect(name: "systolic_bp", coefficient: 0.015, center: 125),
        TrueEffect(name: "total_chol", coefficient: 0.006, center: 200),
        TrueEffect(name: "hdl_chol", coefficient: -0.02, center: 50),
        TrueEffect(name: "diabetes", coefficient: 0.60, center: 0),
        TrueEffect(name: "bmi", coefficient: 0.025, center: 27),
        TrueEffect(name: "activity_min_week", coefficient: -0.002, center: 150),
        TrueEffect(name: "alcohol_drinks_week", coefficient: 0.02, center: 5),
        TrueEffect(name: "family_history_cvd", coefficient: 0.40, center: 0),
        TrueEffect(name: "region=north", coefficient: 0.15, center: 0),
        TrueEffect(name: "region=south", coefficient: -0.10, center: 0),
        TrueEffect(name: "region=west", coefficient: 0.05, center: 0),
    ]

    /// Intercept of the true model (gives an event rate near 10%).
    public static let trueIntercept = -3.3

    /// Default standard deviation of the genetic score on the log-odds scale.
    public static let defaultGeneticSD = 0.5

    /// The SNP panel: frequencies in [0.05, 0.5]; `causal` SNPs spread evenly (by default every 10th), with normal
    /// effects scaled so that the genetic part of the linear predictor has standard deviation `geneticSD`. Depends
    /// only on its arguments.
    public static func snpPanel(count: Int, causal: Int? = nil, geneticSD: Double = defaultGeneticSD) -> [TrueSNP] {
        let causal = Swift.min(count, causal ?? (count + 9) / 10)
        var rng = SplitMix64(seed: 0x5249_534B_4B49_5400 ^ UInt64(count))
        var panel: [TrueSNP] = []
        var variance = 0.0
        for j in 0..<count {
            let f = 0.05 + 0.45 * rng.nextUniform()
            // SNP j is causal when it is the first of its 1/causal-th of the panel (j % 10 == 0 by default).
            let isCausal = causal > 0 && (j * causal) % count < causal
            let effect = isCausal ? rng.nextNormal() : 0
            variance += effect * effect * 2 * f * (1 - f)
            panel.append(TrueSNP(id: String(format: "snp%05d", j + 1), frequency: f, effect: effect))
        }
        let factor = variance > 0 ? geneticSD / variance.squareRoot() : 0
        return panel.map { TrueSNP(id: $0.id, frequency: ($0.frequency * 1e4).rounded() / 1e4, effect: $0.effect * factor) }
    }

    /// Runs the simulation, handing each individual's rows to the sinks as they are made (memory stays constant).
    ///
    /// - Parameters:
    ///   - cohortRow: receives one CSV line (without newline) of `cohort.csv` per individual.
    ///   - genotypeRow: receives each individual's id and SNP dosages (copies of the effect allele, panel order).
    /// - Returns: the true model of each simulated condition with its realized event rate, CVD first, then the
    ///   others in ``SimulatedCondition/allCases`` order.
    public func run(cohortRow: (String) throws -> Void,
                    genotypeRow: (_ id: String, _ dosages: [UInt8]) throws -> Void) throws -> [TrueModel] {
        let panel = self.panel
        var others = ConditionSimulation(seed: seed, conditions: conditions)
        let frequencies = populationFrequencies(panel)
        var rng = SplitMix64(seed: seed)
        let effect = Dictionary(uniqueKeysWithValues: Self.clinicalEffects.map { ($0.name, $0) })
        func term(_ name: String, _ value: Double) -> Double {
            let e = effect[name]!
            return e.coefficient * (value - e.center)
        }
        var events = 0, known = 0
        var dosages = [UInt8](repeating: 0, count: snps)
        let regions = ["east", "north", "south", "west"]
        for i in 0..<individuals {
            let id = "S\(seed)-\(String(format: "%06d", i + 1))"
            let population = populations > 1 ? Swift.min(populations - 1, Int(rng.nextUniform() * Double(populations))) : 0
            let age = (40 + 39 * rng.nextUniform()).rounded(.down)
            let male = rng.nextBernoulli(0.5)
            let region = regions[Int(rng.nextUniform() * 4)]
            let u = rng.nextUniform()
            let status = u < 0.55 ? 0 : (u < 0.82 ? 1 : 2)  // never, former, current
            let smoker = status == 2 ? 1 : 0
            let packYears = status == 0 ? 0 : (exp(log(18) + 0.6 * rng.nextNormal())).rounded()
            let yearsSinceQuit: Double? = status == 1 ? (1 + 29 * rng.nextUniform()).rounded(.down) : nil
            let bmi = Swift.min(55, Swift.max(16, 27.5 + 4.5 * rng.nextNormal()))
            let sbp = Swift.max(90, 118 + 0.5 * (age - 40) + 0.8 * (bmi - 27) + 14 * rng.nextNormal()).rounded()
            let dbp = Swift.max(50, 0.45 * sbp + 22 + 7 * rng.nextNormal()).rounded()
            let tc = Swift.max(110, 200 + 35 * rng.nextNormal()).rounded()
            let hdl = Swift.max(20, 52 - 0.8 * (bmi - 27) + (male == 0 ? 10 : 0) + 12 * rng.nextNormal()).rounded()
            let ldl = Swift.max(40, tc - hdl - 28 + 12 * rng.nextNormal()).rounded()
            let diabetes = rng.nextBernoulli(1 / (1 + exp(-(-3.0 + 0.12 * (bmi - 27) + 0.04 * (age - 55)))))
            let hba1c = ((diabetes == 1 ? 7.4 + 1.0 * rng.nextNormal() : 5.4 + 0.35 * rng.nextNormal()) * 10).rounded() / 10
            let activity = Swift.min(1500, exp(log(120) + 0.8 * rng.nextNormal())).rounded()
            let drinks = Double(rng.nextUniform() < 0.3 ? 0 : rng.nextPoisson(5))
            let family = rng.nextBernoulli(0.2)
            let onTreatment = rng.nextBernoulli(1 / (1 + exp(-(sbp - 150) / 8)))
            var genetic = 0.0
            for (j, snp) in panel.enumerated() {
                let f = frequencies[population][j]
                let d = rng.nextBernoulli(f) + rng.nextBernoulli(f)
                dosages[j] = UInt8(d)
                genetic += snp.effect * (Double(d) - 2 * snp.frequency)
            }
            var eta = Self.trueIntercept + genetic
            eta += term("age", age) + (male == 1 ? term("sex=M", 1) : 0) + term("smoker", Double(smoker))
            eta += term("systolic_bp", sbp) + term("total_chol", tc) + term("hdl_chol", hdl)
            eta += term("diabetes", Double(diabetes)) + term("bmi", bmi) + term("activity_min_week", activity)
            eta += term("alcohol_drinks_week", drinks) + term("family_history_cvd", Double(family))
            if region != "east" { eta += term("region=\(region)", 1) }
            let event = rng.nextBernoulli(1 / (1 + exp(-eta)))
            // Blank some cells as missing, after the outcome has been drawn from the complete values.
            let missActivity = rng.nextUniform() < 0.03, missDrinks = rng.nextUniform() < 0.03
            let missHbA1c = rng.nextUniform() < 0.05, missLDL = rng.nextUniform() < 0.02
            let missOutcome = rng.nextUniform() < 0.005
            if !missOutcome {
                known += 1
                events += event
            }
            let fields: [String] = [
                id, fmt(age), male == 1 ? "M" : "F", region, String(smoker), fmt(packYears),
                yearsSinceQuit.map(fmt) ?? "", String(format: "%.1f", bmi), fmt(sbp), fmt(dbp), fmt(tc), fmt(hdl),
                missLDL ? "" : fmt(ldl), String(diabetes), missHbA1c ? "NA" : String(format: "%.1f", hba1c),
                missActivity ? "" : fmt(activity), missDrinks ? "NA" : fmt(drinks), String(family),
                String(onTreatment), missOutcome ? "" : String(event),
            ]
            let baseline = BaselineIndividual(age: age, male: male == 1, bmi: bmi, diabetes: diabetes == 1, hba1c: hba1c,
                                              activity: activity, drinks: drinks)
            let row = fields + (populations > 1 ? ["P\(population + 1)"] : []) + others.fields(for: baseline)
            try cohortRow(row.joined(separator: ","))
            try genotypeRow(id, dosages)
        }
        let cvd = TrueModel(
            format: "riskkit-true-model",
            description: "Synthetic cohort generated by riskkit simulate; describes no real person and is not for clinical use.",
            outcome: "cvd_10y", intercept: Self.trueIntercept, effects: Self.clinicalEffects, snps: panel,
            geneticSD: geneticSD, seed: seed, individuals: individuals,
            eventRate: known > 0 ? Double(events) / Double(known) : 0, populations: populations > 1 ? populations : nil)
        return [cvd] + others.truths(seed: seed, individuals: individuals)
    }

    private func fmt(_ x: Double) -> String { String(Int(x)) }
}
