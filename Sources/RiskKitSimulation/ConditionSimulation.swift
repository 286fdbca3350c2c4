import Foundation
import RiskKitStatistics

/// Draws the columns of the conditions besides CVD, and the care-record columns, for each individual of a cohort
/// from a random stream of its own (seeded by the cohort's seed), so the CVD columns' draws never shift.
///
/// Every individual consumes the same draws whichever conditions are selected (all are computed, the selected ones
/// written), so a condition's columns for a seed do not depend on which other conditions are chosen. Outcomes are
/// drawn from the complete values; then about 4% of `fasting_glucose` and 0.5% of each applicable outcome are
/// blanked as missing.
package struct ConditionSimulation {
    /// The selected conditions besides `cvd`, in ``SimulatedCondition/allCases`` order.
    package let conditions: [SimulatedCondition]
    /// Chance of a first-degree family history of breast cancer for BRCA1/2 carriers and for others.
    package static let familyHistoryBreastRate = (carriers: 0.5, others: 0.12)
    private var rng: SplitMix64
    /// Events and known applicable outcomes per condition.
    private var events: [SimulatedCondition: Int] = [:]
    private var known: [SimulatedCondition: Int] = [:]

    /// Creates the stream for a cohort with seed `seed`; `conditions` may include `cvd` (ignored here).
    package init(seed: UInt64, conditions: Set<SimulatedCondition>) {
        self.conditions = SimulatedCondition.allCases.filter { $0 != .cvd && conditions.contains($0) }
        rng = SplitMix64(seed: seed ^ 0x434F_4E44_4954_494F)
    }

    /// The cells appended to `cohort.csv` for one individual: each selected condition's ``SimulatedCondition/columns``,
    /// then ``CohortSimulation/recordColumns``; none when no condition besides `cvd` is selected.
    package mutating func fields(for p: BaselineIndividual) -> [String] {
        guard !conditions.isEmpty else { return [] }
        let female = !p.male
        // Carriers: drawn first because they raise the chance of a family history of breast cancer.
        let brca1 = rng.nextBernoulli(CohortSimulation.carrierPrevalence["brca1"]!)
        let brca2 = rng.nextBernoulli(CohortSimulation.carrierPrevalence["brca2"]!)
        let lynch = rng.nextBernoulli(CohortSimulation.carrierPrevalence["lynch"]!)

        // Type 2 diabetes (incident cases among those without diabetes at baseline).
        let familyDiabetes = rng.nextBernoulli(0.25)
        let glucoseNoise = rng.nextNormal()
        let glucose = (p.diabetes ? 145 + 30 * glucoseNoise : 95 + 15 * (p.hba1c - 5.4) + 7 * glucoseNoise)
            .clamped(to: 60...400).rounded()
        let t2dEvent = rng.nextBernoulli(Self.probability(.t2d, [
            "age": p.age, "bmi": p.bmi, "family_history_diabetes": Double(familyDiabetes), "hba1c": p.hba1c,
            "fasting_glucose": glucose, "activity_min_week": p.activity,
        ]))
        let missGlucose = rng.nextUniform() < 0.04, missT2D = rng.nextUniform() < 0.005
        let t2dKnown = !p.diabetes && !missT2D

        // Breast cancer (women).
        let familyBreast = rng.nextBernoulli(brca1 + brca2 > 0 ? Self.familyHistoryBreastRate.carriers
                                                               : Self.familyHistoryBreastRate.others)
        let parity = Swift.min(6, rng.nextPoisson(1.9))
        let densityScore = rng.nextNormal() - 0.03 * (p.age - 55)
        let density = densityScore < -1.28 ? "a" : densityScore < 0 ? "b" : densityScore < 1.28 ? "c" : "d"
        let breastEvent = rng.nextBernoulli(Self.probability(.breast, [
            "age": p.age, "family_history_breast": Double(familyBreast), "brca1": Double(brca1),
            "brca2": Double(brca2), "parity": Double(parity), "breast_density=\(density)": 1,
            "alcohol_drinks_week": p.drinks, "bmi": p.bmi, "activity_min_week": p.activity,
        ]))
        let missBreast = rng.nextUniform() < 0.005
        let breastKnown = female && !missBreast

        // Last-test dates: (done?, days before the record date) drawn for everyone, kept when plausible.
        let lipid = lastTest(probability: 0.85, meanDays: 700)
        let hba1cTest = p.diabetes ? lastTest(probability: 0.95, meanDays: 150) : lastTest(probability: 0.65, meanDays: 900)
        let mammogram = lastTest(probability: female ? (p.age >= 40 ? 0.75 : 0.05) : 0, meanDays: 600)
        let colonoscopy = lastTest(probability: p.age >= 45 ? (lynch == 1 ? 0.9 : 0.55) : 0.03,
                                   meanDays: lynch == 1 ? 500 : 2200)

        for (condition, isKnown, event) in [(SimulatedCondition.t2d, t2dKnown, t2dEvent), (.breast, breastKnown, breastEvent)]
        where isKnown {
            known[condition, default: 0] += 1
            events[condition, default: 0] += event
        }
        var cells: [String] = []
        for condition in conditions {
            switch condition {
            case .cvd: break
            case .t2d:
                cells += [String(familyDiabetes), missGlucose ? "" : String(Int(glucose)),
                          p.diabetes || missT2D ? "" : String(t2dEvent)]
            case .breast:
                cells += [String(familyBreast), female ? String(parity) : "", female ? density : "",
                          breastKnown ? String(breastEvent) : ""]
            }
        }
        return cells + [String(brca1), String(brca2), String(lynch), lipid, hba1cTest, mammogram, colonoscopy]
    }

    /// The true models of the selected conditions, with the realized event rates (among known applicable outcomes).
    package func truths(seed: UInt64, individuals: Int) -> [TrueModel] {
        conditions.map { condition in
            let n = known[condition] ?? 0
            return TrueModel(
                format: "riskkit-true-model",
                description: "Synthetic cohort generated by riskkit simulate; describes no real person and is not for clinical use.",
                outcome: condition.outcome, intercept: condition.trueIntercept, effects: condition.trueEffects, snps: [],
                geneticSD: 0, seed: seed, individuals: individuals,
                eventRate: n > 0 ? Double(events[condition] ?? 0) / Double(n) : 0, populations: nil,
                appliesTo: condition.appliesTo)
        }
    }

    /// The condition's true probability for complete values by effect name (a level's name maps to 1).
    private static func probability(_ condition: SimulatedCondition, _ values: [String: Double]) -> Double {
        let eta = condition.trueEffects.reduce(condition.trueIntercept) { sum, e in
            guard let x = values[e.name] else { return sum }
            return sum + e.coefficient * (x - e.center)
        }
        return 1 / (1 + exp(-eta))
    }

    /// A last-test date: done with `probability`, then days before the record date exponential with mean
    /// `meanDays` (at least 1, at most 15 years); empty when not done. Always draws twice.
    private mutating func lastTest(probability: Double, meanDays: Double) -> String {
        let done = rng.nextUniform() < probability
        let days = Swift.min(5479, 1 + Int(-log(rng.nextUniform()) * meanDays))
        return done ? CohortSimulation.date(daysBeforeRecord: days) : ""
    }
}

extension Double {
    /// The value limited to `range`.
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(range.upperBound, Swift.max(range.lowerBound, self))
    }
}
