import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring
import RiskKitTestSupport

/// `Fixtures/eval-predictions.csv` (500 rows, 144 events, 316 distinct predictions: ties, including at decile
/// breaks) was made with R 4.2.2:
///
///     set.seed(20240611); n <- 500; x <- rnorm(n)
///     y <- rbinom(n, 1, plogis(-1.2 + 1.1 * x))
///     p <- plogis(-1.0 + 0.9 * x + rnorm(n, sd = 0.4))
///     p <- ifelse(seq_len(n) %% 4 == 0, round(p, 2), round(p, 3)); p <- pmin(pmax(p, 0.001), 0.999)
///     write.csv(data.frame(y = y, p = p), "eval-predictions.csv", row.names = FALSE, quote = FALSE)
@Suite struct EvaluationReportTests {
    static func fixture() throws -> (y: [Double], p: [Double]) {
        let f = try EvaluationFixture("eval-predictions")
        return (f["y"], f["p"])
    }

    // R 4.2.2, pROC 1.18.0:
    //   d <- read.csv("eval-predictions.csv"); r <- roc(d$y, d$p, direction = "<", quiet = TRUE)
    //   sprintf("%.17g", c(auc(r), sqrt(var(r, method = "delong")), ci.auc(r, method = "delong")))
    @Test func discriminationMatchesPROC() throws {
        let (y, p) = try Self.fixture()
        let report = try EvaluationReport(outcome: y, predicted: p)
        #expect(report.n == 500 && report.events == 144)
        #expect(abs(report.auc - 0.75156054931335825) < 1e-9)
        #expect(abs(report.aucStandardError - 0.024431335782102256) < 1e-9)
        #expect(abs(report.aucConfidenceInterval.lower - 0.70367601108623312) < 1e-9)
        #expect(abs(report.aucConfidenceInterval.upper - 0.79944508754048338) < 1e-9)
        #expect(abs(try BinaryMetrics.auc(outcome: y, predicted: p) - 0.75156054931335825) < 1e-9)
    }

    // Python 3.11, scikit-learn 1.9.1:
    //   d = pd.read_csv("eval-predictions.csv")
    //   brier_score_loss(d.y, d.p) -> 0.17107818400000002; log_loss(d.y, d.p) -> 0.5190193487293047
    @Test func probabilityScoresMatchScikitLearn() throws {
        let (y, p) = try Self.fixture()
        let report = try EvaluationReport(outcome: y, predicted: p)
        #expect(isApproximatelyEqual(report.brierScore, 0.17107818400000002, relative: 1e-12))
        #expect(isApproximatelyEqual(report.logLoss, 0.5190193487293047, relative: 1e-12))
    }

    // R 4.2.2, rms 6.5.0:
    //   v <- val.prob(d$p, d$y, pl = FALSE); sprintf("%.17g", v[c("Intercept", "Slope", "R2")])
    //   -> 0.012656970984923469, 1.069357096666131213, 0.214762974915113147
    //   coef(glm(y ~ 1, offset = qlogis(p), family = binomial, data = d,
    //            control = glm.control(epsilon = 1e-14, maxit = 100)))  -> -0.037090444410236595
    @Test func calibrationMatchesRms() throws {
        let (y, p) = try Self.fixture()
        let report = try EvaluationReport(outcome: y, predicted: p)
        #expect(abs(report.calibrationIntercept - 0.012656970984923469) < 1e-6)
        #expect(abs(report.calibrationSlope - 1.069357096666131213) < 1e-6)
        #expect(abs(report.nagelkerkeR2 - 0.214762974915113147) < 1e-6)
        #expect(abs(report.calibrationInTheLarge - (-0.037090444410236595)) < 1e-6)
    }

    // ResourceSelection is not installable on this machine (not packaged for Debian, CRAN unreachable), so the
    // reference is R 4.2.2 running hoslem.test's code verbatim (ResourceSelection 0.3-5, R/hoslem.test.R):
    //   qq <- unique(quantile(yhat, probs = seq(0, 1, 1/g)))
    //   cutyhat <- cut(yhat, breaks = qq, include.lowest = TRUE)
    //   observed <- xtabs(cbind(y0 = 1 - y, y1 = y) ~ cutyhat)
    //   expected <- xtabs(cbind(yhat0 = 1 - yhat, yhat1 = yhat) ~ cutyhat)
    //   chisq <- sum((observed - expected)^2/expected); G <- length(unique(cutyhat)); PVAL = 1 - pchisq(chisq, G - 2)
    // with g = 10 -> statistic 7.4311070107360395, df 8, p 0.49091171460126226
    // (pchisq(chisq, 8, lower.tail = FALSE) = 0.49091171460126232).
    @Test func hosmerLemeshowMatchesHoslemTest() throws {
        let (y, p) = try Self.fixture()
        let hl = try #require(try EvaluationReport(outcome: y, predicted: p).hosmerLemeshow)
        #expect(isApproximatelyEqual(hl.statistic, 7.4311070107360395, relative: 1e-12))
        #expect(hl.degreesOfFreedom == 8)
        #expect(isApproximatelyEqual(hl.pValue, 0.49091171460126232, relative: 1e-12))
        let direct = try HosmerLemeshowTest(outcome: y, predicted: p)
        #expect(direct == hl)
    }

    // Same groups in R 4.2.2:
    //   grp <- cut(d$p, breaks = unique(quantile(d$p, probs = seq(0, 1, 1/10))), include.lowest = TRUE)
    //   table(grp); tapply(d$y, grp, sum); tapply(d$p, grp, mean); tapply(d$p, grp, min); tapply(d$p, grp, max)
    @Test func calibrationTableMatchesRDeciles() throws {
        let (y, p) = try Self.fixture()
        let table = try EvaluationReport(outcome: y, predicted: p).calibrationTable
        let counts = [51, 49, 50, 52, 49, 49, 51, 49, 50, 50]
        let events = [5, 4, 7, 11, 6, 12, 17, 23, 25, 34]
        let meanPredicted = [
            0.061745098039215685, 0.107591836734693885, 0.157140000000000002, 0.202403846153846156,
            0.247040816326530605, 0.291448979591836743, 0.340137254901960784, 0.409408163265306102,
            0.499180000000000013, 0.634480000000000044,
        ]
        let minPredicted = [0.020, 0.083, 0.132, 0.187, 0.222, 0.272, 0.312, 0.377, 0.443, 0.552]
        let maxPredicted = [0.082, 0.131, 0.184, 0.220, 0.270, 0.310, 0.375, 0.442, 0.550, 0.800]
        #expect(table.map(\.group) == Array(1...10))
        #expect(table.map(\.count) == counts)
        #expect(table.map(\.events) == events)
        for (row, expected) in zip(table, meanPredicted) {
            #expect(isApproximatelyEqual(row.meanPredicted, expected, relative: 1e-13))
        }
        #expect(table.map(\.minPredicted) == minPredicted)
        #expect(table.map(\.maxPredicted) == maxPredicted)
        for row in table {
            #expect(row.observedRate == Double(row.events) / Double(row.count))
        }
    }

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let (y, p) = try Self.fixture()
        let report = try EvaluationReport(outcome: y, predicted: p)
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "n", "events", "auc", "auc_se", "auc_ci", "brier", "log_loss", "calibration_intercept",
            "calibration_slope", "calibration_in_the_large", "hosmer_lemeshow", "nagelkerke_r2", "calibration_table",
        ])
        let ci = try #require(object["auc_ci"] as? [Double])
        #expect(ci.count == 2)
        #expect(isApproximatelyEqual(ci[0], report.aucConfidenceInterval.lower, relative: 1e-15))
        #expect(isApproximatelyEqual(ci[1], report.aucConfidenceInterval.upper, relative: 1e-15))
        let hl = try #require(object["hosmer_lemeshow"] as? [String: Any])
        #expect(Set(hl.keys) == ["statistic", "df", "p_value"])
        let rows = try #require(object["calibration_table"] as? [[String: Any]])
        #expect(Set(rows[0].keys) == [
            "group", "n", "events", "mean_predicted", "observed_rate", "min_predicted", "max_predicted",
        ])
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: data) == report)
    }

    // Two distinct predictions, 9 at 0.2 and 11 at 0.6: R 4.2.2 gives breaks
    // unique(quantile(p, probs = seq(0, 1, 1/10))) = {0.2, 0.6} for p <- rep(c(0.2, 0.6), c(9, 11)), so there is
    // one group, HL is undefined and written as null, and the rest of the report still works.
    @Test func tooFewRiskGroupsGiveNullHosmerLemeshow() throws {
        let p = [Double](repeating: 0.2, count: 9) + [Double](repeating: 0.6, count: 11)
        let y: [Double] = [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]
        let report = try EvaluationReport(outcome: y, predicted: p)
        #expect(report.hosmerLemeshow == nil)
        #expect(report.calibrationTable.count == 1)
        let json = try #require(String(data: try JSONEncoder().encode(report), encoding: .utf8))
        #expect(json.contains("\"hosmer_lemeshow\":null"))
        // Closed form: with two distinct predictions the recalibration fit reproduces both observed rates,
        // 2/9 and 7/11: b = (logit(7/11) − logit(2/9)) / (logit 0.6 − logit 0.2), a = logit(2/9) − b·logit 0.2.
        func logit(_ q: Double) -> Double { log(q / (1 - q)) }
        let slope = (logit(7.0 / 11) - logit(2.0 / 9)) / (logit(0.6) - logit(0.2))
        #expect(abs(report.calibrationSlope - slope) < 1e-9)
        #expect(abs(report.calibrationIntercept - (logit(2.0 / 9) - slope * logit(0.2))) < 1e-9)
        #expect(throws: DataError.self) { try HosmerLemeshowTest(outcome: y, predicted: p) }
    }

    // Closed form with empty quantile bins: for p = (0.1, 0.2, 0.3, 0.4) R's decile breaks interpolate between the
    // four values (0.1, 0.13, 0.16, 0.19, 0.22, …), so most bins are empty; hoslem.test would return NaN from 0/0,
    // we drop the empty bins and keep four one-row groups. Each contributes (y − p)²/(p(1 − p)), so
    // X² = 0.01/0.09 + 0.64/0.16 + 0.09/0.21 + 0.36/0.24, df = 2, and the χ²(2) upper tail is exp(−X²/2).
    @Test func emptyBinsAreDropped() throws {
        let report = try EvaluationReport(outcome: [0, 1, 0, 1], predicted: [0.1, 0.2, 0.3, 0.4])
        let hl = try #require(report.hosmerLemeshow)
        let statistic = 0.01 / 0.09 + 0.64 / 0.16 + 0.09 / 0.21 + 0.36 / 0.24
        #expect(isApproximatelyEqual(hl.statistic, statistic, relative: 1e-14))
        #expect(hl.degreesOfFreedom == 2)
        #expect(isApproximatelyEqual(hl.pValue, exp(-statistic / 2), relative: 1e-13))
        #expect(report.calibrationTable.map(\.group) == [1, 2, 3, 4])
        #expect(report.calibrationTable.map(\.count) == [1, 1, 1, 1])
        #expect(report.calibrationTable.map(\.events) == [0, 1, 0, 1])
    }

    @Test func invalidInputIsATypedError() {
        func message(_ y: [Double], _ p: [Double]) -> String? {
            do {
                _ = try EvaluationReport(outcome: y, predicted: p)
                return nil
            } catch let error as DataError {
                return error.message
            } catch {
                return "unexpected \(error)"
            }
        }
        #expect(message([], [])?.contains("empty") == true)
        #expect(message([0, 1, 1], [0.2, 0.5])?.contains("3 outcomes but 2") == true)
        #expect(message([0, 2, 1, 0], [0.2, 0.5, 0.6, 0.1])?.contains("row 2: outcome 2.0 is not 0 or 1") == true)
        #expect(message([0, 1, 1, 0], [0.2, 1, 0.6, 0.1])?.contains("row 2") == true)
        #expect(message([0, 1, 1, 0], [0.2, 0, 0.6, 0.1])?.contains("not strictly between 0 and 1") == true)
        #expect(message([0, 1, 1, 0], [0.2, .nan, 0.6, 0.1])?.contains("NaN") == true)
        #expect(message([1, 1, 1], [0.2, 0.5, 0.6])?.contains("AUC is undefined") == true)
        #expect(message([0, 1, 0, 0], [0.2, 0.5, 0.6, 0.1])?.contains("at least two events") == true)
        #expect(message([0, 1, 1, 0], [0.3, 0.3, 0.3, 0.3])?.contains("all 4 predicted probabilities equal") == true)
        #expect(message([0, 1, 1, 0], [0.2, 0.5, 0.6, 0.5])?.contains("separate the outcomes completely") == true)
        #expect(throws: DataError.self) { try BinaryMetrics.auc(outcome: [0, 0], predicted: [0.1, 0.2]) }
    }
}
