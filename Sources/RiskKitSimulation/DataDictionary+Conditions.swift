import Foundation

extension DataDictionary {
    /// The dictionary's sections for the conditions besides CVD and the care-record columns.
    static func conditionsMarkdown(_ truths: [TrueModel]) -> String {
        let outcomes = Set(truths.map(\.outcome))
        var columns: [String] = []
        if outcomes.contains(SimulatedCondition.t2d.outcome) {
            columns += [
                "| `family_history_diabetes` | diabetes in a parent or sibling | 0/1 |",
                "| `fasting_glucose` | fasting plasma glucose, mg/dL (~4% missing) | 60–400 |",
                "| `t2d_10y` | **outcome**: incident type 2 diabetes within 10 years; empty for those with `diabetes` = 1 at baseline (not at risk) and ~0.5% missing | 0/1 |",
            ]
        }
        if outcomes.contains(SimulatedCondition.breast.outcome) {
            let rates = ConditionSimulation.familyHistoryBreastRate
            let percent = { (p: Double) in String(format: "%g%%", 100 * p) }
            columns += [
                "| `family_history_breast` | breast cancer in a first-degree relative (\(percent(rates.carriers)) of BRCA1/2 carriers, \(percent(rates.others)) of others) | 0/1 |",
                "| `parity` | number of live births (women; empty for men) | 0–6 |",
                "| `breast_density` | BI-RADS breast density (women; empty for men), denser when younger; `a` is the true model's reference | `a`, `b`, `c`, `d` |",
                "| `breast_cancer_10y` | **outcome**: invasive breast cancer within 10 years; women only (empty for men: not applicable) and ~0.5% missing | 0/1 |",
            ]
        }
        let prevalence = { (name: String) in String(format: "%.2f%%", 100 * CohortSimulation.carrierPrevalence[name]!) }
        columns += [
            "| `brca1`, `brca2` | pathogenic BRCA1 / BRCA2 variant carrier (\(prevalence("brca1")) / \(prevalence("brca2"))) | 0/1 |",
            "| `lynch` | Lynch syndrome (mismatch-repair variant) carrier (\(prevalence("lynch"))) | 0/1 |",
            "| `last_lipid_panel`, `last_hba1c_test` | date of the last lipid panel / HbA1c test, empty if never | YYYY-MM-DD |",
            "| `last_mammogram` | date of the last mammogram (women, mostly from 40), empty if never | YYYY-MM-DD |",
            "| `last_colonoscopy` | date of the last colonoscopy (mostly from 45; most Lynch carriers recently), empty if never | YYYY-MM-DD |",
        ]
        let models = truths.map { truth in
            let file = SimulatedCondition.allCases.first { $0.outcome == truth.outcome }?.trueModelFile ?? ""
            return """
                ### `\(truth.outcome)`

                logit P(\(truth.outcome) = 1) = \(String(format: "%.2f", truth.intercept)) + Σ coefficient·(value − center), \
                from the complete values (no genetic score). Applies to \(truth.appliesTo ?? "everyone"). \
                Event rate \(String(format: "%.4f", truth.eventRate)) (`\(file)`).

                | term | log-odds | center |
                |---|---|---|
                \(effectRows(truth.effects))

                """
        }.joined(separator: "\n")
        return """

            ## More conditions (`--conditions`)

            These columns follow the ones above, drawn from a random stream of their own: the columns above are the \
            same as without `--conditions`. Dates lie before the record date \(CohortSimulation.recordDate). \
            Carrier prevalences: BRCA1/2 together about 1 in 400 (USPSTF 2019: 1 in 300 to 500 women), split 2:3 \
            (an assumption); Lynch syndrome about 1 in 330 (published estimates 1 in 279 to 1 in 432).

            | column | meaning | values |
            |---|---|---|
            \(columns.joined(separator: "\n"))

            ## True models of the other conditions

            \(models)
            """
    }
}
