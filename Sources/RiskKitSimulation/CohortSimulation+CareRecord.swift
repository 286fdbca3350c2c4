import Foundation

extension CohortSimulation {
    /// Care-record columns appended once after the conditions' columns when any condition besides `cvd` is
    /// simulated: carrier flags (0/1) and the dates of the last tests (YYYY-MM-DD, empty when never done).
    public static let recordColumns = [
        "brca1", "brca2", "lynch", "last_lipid_panel", "last_hba1c_test", "last_mammogram", "last_colonoscopy",
    ]

    /// Carrier prevalence per carrier column.
    ///
    /// BRCA1/2 pathogenic variants together about 1 in 400 (USPSTF 2019 BRCA recommendation statement: 1 in 300 to
    /// 500 women; Abul-Husn et al., Genome Med 2019, citing the historical 1 in 400), split 2:3 between BRCA1 and
    /// BRCA2 (the split is an assumption). Lynch syndrome (any mismatch-repair gene) about 1 in 330: between 1 in
    /// 279 (Win et al. 2017, seen only in a secondary summary) and 1 in 432 (BioMe biobank, JCO Precis Oncol 2020).
    public static let carrierPrevalence: [String: Double] = ["brca1": 0.001, "brca2": 0.0015, "lynch": 0.003]

    /// The date the simulated records were extracted; last-test dates lie before it (YYYY-MM-DD).
    public static let recordDate = "2026-12-01"

    /// `recordDate` minus `days` days, as YYYY-MM-DD (proleptic Gregorian calendar).
    static func date(daysBeforeRecord days: Int) -> String {
        civilDate(recordDay - days)
    }

    /// Days from 1970-01-01 to ``recordDate``.
    private static let recordDay: Int = {
        let parts = recordDate.split(separator: "-").map { Int($0)! }
        return daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
    }()

    /// Days since 1970-01-01 of a Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian date `days` days after 1970-01-01 as YYYY-MM-DD (H. Hinnant's `civil_from_days`).
    private static func civilDate(_ days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
