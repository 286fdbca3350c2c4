import Foundation
import Testing
import RiskKit
@testable import RiskKitSimulation

/// `riskkit simulate --conditions`: the T2D and breast-cancer columns, carriers and last-test dates.
@Suite struct ConditionSimulationTests {
    /// The cohort rows (split into cells) and true models of `individuals` individuals with `conditions`.
    static func simulate(_ conditions: Set<SimulatedCondition>, individuals: Int = 400, snps: Int = 0,
                         seed: UInt64 = 21, populations: Int = 1) throws -> (rows: [[String]], truths: [TrueModel]) {
        var plan = CohortSimulation(individuals: individuals, snps: snps, seed: seed)
        plan.conditions = conditions
        plan.populations = populations
        var rows: [[String]] = []
        let truths = try plan.run(cohortRow: { rows.append($0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) },
                                  genotypeRow: { _, _ in })
        return (rows, truths)
    }

    /// Adding conditions leaves every CVD cell (and the population column) of a seed as it was: the new draws come
    /// from a stream of their own.
    @Test(arguments: [1, 3]) func cvdColumnsUnchanged(populations: Int) throws {
        let base = try Self.simulate([.cvd], snps: 20, seed: 7, populations: populations)
        let all = try Self.simulate([.cvd, .t2d, .breast], snps: 20, seed: 7, populations: populations)
        let width = base.rows[0].count
        #expect(width == CohortSimulation.cohortColumns.count + (populations > 1 ? 1 : 0))
        #expect(all.rows.map { Array($0.prefix(width)) } == base.rows)
        #expect(all.truths[0].eventRate == base.truths[0].eventRate)
        #expect(base.truths.map(\.outcome) == ["cvd_10y"])
        #expect(all.truths.map(\.outcome) == ["cvd_10y", "t2d_10y", "breast_cancer_10y"])
    }

    /// The header lists the new columns after the CVD ones, each condition's in a fixed order, then the record.
    @Test func columnsInOrder() {
        var plan = CohortSimulation(individuals: 1, snps: 0, seed: 1)
        #expect(plan.columns == CohortSimulation.cohortColumns)
        plan.conditions = [.breast, .cvd]
        #expect(plan.columns == CohortSimulation.cohortColumns + [
            "family_history_breast", "parity", "breast_density", "breast_cancer_10y",
            "brca1", "brca2", "lynch", "last_lipid_panel", "last_hba1c_test", "last_mammogram", "last_colonoscopy",
        ])
        plan.conditions = [.t2d, .breast]
        #expect(plan.columns == CohortSimulation.cohortColumns + SimulatedCondition.t2d.columns
            + SimulatedCondition.breast.columns + CohortSimulation.recordColumns)
    }

    /// A condition's cells for a seed do not depend on which other conditions are chosen.
    @Test func conditionColumnsIndependentOfTheOthers() throws {
        let t2dOnly = try Self.simulate([.cvd, .t2d])
        let both = try Self.simulate([.cvd, .t2d, .breast])
        let start = CohortSimulation.cohortColumns.count, t2d = SimulatedCondition.t2d.columns.count
        let breast = SimulatedCondition.breast.columns.count
        #expect(t2dOnly.rows.map { Array($0[start..<(start + t2d)]) } == both.rows.map { Array($0[start..<(start + t2d)]) })
        #expect(t2dOnly.rows.map { Array($0.suffix(CohortSimulation.recordColumns.count)) }
            == both.rows.map { Array($0.suffix(CohortSimulation.recordColumns.count)) })
        #expect(both.rows.allSatisfy { $0.count == start + t2d + breast + CohortSimulation.recordColumns.count })
    }

    /// Types and applicability of every new cell, as the data dictionary documents them.
    @Test func newColumnsHaveTheDocumentedTypes() throws {
        var plan = CohortSimulation(individuals: 1, snps: 0, seed: 1)
        plan.conditions = [.cvd, .t2d, .breast]
        let columns = plan.columns
        let (rows, _) = try Self.simulate([.cvd, .t2d, .breast], individuals: 2000)
        let date = /\d{4}-\d{2}-\d{2}/
        var blankGlucose = 0
        for row in rows {
            let cell = Dictionary(uniqueKeysWithValues: zip(columns, row))
            let female = cell["sex"] == "F"
            for flag in ["family_history_diabetes", "family_history_breast", "brca1", "brca2", "lynch"] {
                #expect(["0", "1"].contains(cell[flag]!), "\(flag) = \(cell[flag]!)")
            }
            // Prevalent diabetes: not at risk, so no T2D outcome.
            if cell["diabetes"] == "1" { #expect(cell["t2d_10y"] == "") } else { #expect(["0", "1", ""].contains(cell["t2d_10y"]!)) }
            if let glucose = Double(cell["fasting_glucose"]!) { #expect((60...400).contains(glucose)) } else { blankGlucose += 1 }
            // Breast cancer: women only; parity and density too.
            if female {
                #expect(["a", "b", "c", "d"].contains(cell["breast_density"]!))
                #expect((0...6).contains(Int(cell["parity"]!)!))
                #expect(["0", "1", ""].contains(cell["breast_cancer_10y"]!))
            } else {
                #expect(cell["breast_cancer_10y"] == "" && cell["parity"] == "" && cell["breast_density"] == "")
                #expect(cell["last_mammogram"] == "")
            }
            for test in ["last_lipid_panel", "last_hba1c_test", "last_mammogram", "last_colonoscopy"] {
                let value = cell[test]!
                #expect(value.isEmpty || (value.wholeMatch(of: date) != nil && value < CohortSimulation.recordDate),
                        "\(test) = \(value)")
            }
        }
        // About 4% of fasting glucose is blanked.
        #expect((20...140).contains(blankGlucose))
    }

    /// Event rates and carrier prevalence for the demo models' cohort (seed 21, 20,000 individuals) lie in the
    /// ranges the true models were tuned for: 10-year T2D about 11% among those without diabetes, breast cancer
    /// about 3% among women, carriers at about 0.1% (BRCA1), 0.15% (BRCA2), 0.3% (Lynch).
    @Test func prevalenceInRangeForTheDemoSeed() throws {
        var plan = CohortSimulation(individuals: 1, snps: 0, seed: 1)
        plan.conditions = [.cvd, .t2d, .breast]
        let columns = plan.columns
        let (rows, truths) = try Self.simulate([.cvd, .t2d, .breast], individuals: 20000)
        #expect((0.09...0.14).contains(truths[1].eventRate), "T2D \(truths[1].eventRate)")
        #expect((0.02...0.045).contains(truths[2].eventRate), "breast \(truths[2].eventRate)")
        #expect(truths[1].appliesTo?.contains("without diabetes") == true)
        #expect(truths[2].appliesTo?.contains("women") == true)
        let count = { (name: String) in rows.filter { $0[columns.firstIndex(of: name)!] == "1" }.count }
        #expect((8...35).contains(count("brca1")))
        #expect((15...50).contains(count("brca2")))
        #expect((35...90).contains(count("lynch")))
    }

    /// Dates count back from the record date on the Gregorian calendar (2024 is a leap year).
    @Test(arguments: [(0, "2026-12-01"), (1, "2026-11-30"), (365, "2025-12-01"), (1006, "2024-02-29"),
                      (9831, "2000-01-01")])
    func datesBeforeTheRecordDate(days: Int, date: String) {
        #expect(CohortSimulation.date(daysBeforeRecord: days) == date)
    }

    /// The dictionary documents the new columns and true models only when they are simulated.
    @Test func dataDictionaryDescribesTheConditions() throws {
        let base = try Self.simulate([.cvd], individuals: 50)
        let all = try Self.simulate([.cvd, .t2d, .breast], individuals: 50)
        let plain = DataDictionary.markdown(truth: base.truths[0])
        #expect(!plain.contains("t2d_10y"))
        #expect(DataDictionary.markdown(truth: all.truths[0], conditions: []) == plain)
        let full = DataDictionary.markdown(truth: all.truths[0], conditions: Array(all.truths.dropFirst()))
        #expect(full.hasPrefix(plain))
        for name in SimulatedCondition.t2d.columns + SimulatedCondition.breast.columns + CohortSimulation.recordColumns {
            #expect(full.contains("`\(name)`"), "\(name) not documented")
        }
        #expect(full.contains("true-model-t2d.json") && full.contains("true-model-breast.json"))
    }
}
