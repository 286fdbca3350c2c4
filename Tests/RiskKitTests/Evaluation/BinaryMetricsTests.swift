import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels

@Suite struct BinaryMetricsTests {
    // Closed form: events at 0.35, 0.8, 0.4, 0.9; non-events at 0.1, 0.4, 0.8, 0.2. Concordant pairs
    // 2 + 3.5 + 2.5 + 4 = 12 of 16 -> AUC 0.75. DeLong variance and CI from R 4.2.2, pROC 1.18.0:
    //   y <- c(0,0,1,1,0,1,0,1); p <- c(0.1,0.4,0.35,0.8,0.8,0.4,0.2,0.9)
    //   r <- roc(y, p, direction = "<", quiet = TRUE); var(r)  -> 0.036458333333333336
    //   ci.auc(r, method = "delong") -> 0.37576319506074773, 0.75, 1 (upper bound clipped)
    static let y: [Double] = [0, 0, 1, 1, 0, 1, 0, 1]
    static let p = [0.1, 0.4, 0.35, 0.8, 0.8, 0.4, 0.2, 0.9]

    @Test func aucWithTies() throws {
        #expect(try BinaryMetrics.auc(outcome: Self.y, predicted: Self.p) == 0.75)
        let estimate = try BinaryMetrics.deLong(outcome: Self.y, predicted: Self.p)
        #expect(estimate.auc == 0.75)
        #expect(abs(estimate.variance - 0.036458333333333336) < 1e-15)
        let ci = estimate.confidenceInterval()
        #expect(abs(ci.lower - 0.37576319506074773) < 1e-12)
        #expect(ci.upper == 1)
    }

    // Closed form: y = (1, 0), p = (0.8, 0.3): Brier (0.2² + 0.3²)/2 = 0.065; log loss −(log 0.8 + log 0.7)/2.
    @Test func brierAndLogLossClosedForm() throws {
        #expect(abs(try BinaryMetrics.brierScore(outcome: [1, 0], predicted: [0.8, 0.3]) - 0.065) < 1e-16)
        let expected = -(log(0.8) + log(0.7)) / 2
        #expect(abs(try BinaryMetrics.logLoss(outcome: [1, 0], predicted: [0.8, 0.3]) - expected) < 1e-16)
    }

    // Small paired case, R 4.2.2, pROC 1.18.0:
    //   q <- c(0.3,0.2,0.5,0.6,0.1,0.4,0.2,0.7); r2 <- roc(y, q, direction = "<", quiet = TRUE)
    //   t <- roc.test(r, r2, method = "delong")  -> Z = -1.3093073414159542, p = 0.19043026382552422
    //   pROC:::delong.paired.calculations(r, r2)$sig -> 0.19094065395649334; AUC(r2) = 1
    @Test func deLongDifferenceSmall() throws {
        let q = [0.3, 0.2, 0.5, 0.6, 0.1, 0.4, 0.2, 0.7]
        let t = try BinaryMetrics.deLongDifference(outcome: Self.y, predictedA: Self.p, predictedB: q)
        #expect(abs(t.difference - (0.75 - 1)) < 1e-15)
        #expect(abs(t.se - 0.19094065395649334) < 1e-12)
        #expect(abs(t.z - (-1.3093073414159542)) < 1e-12)
        #expect(abs(t.pValue - 0.19043026382552422) < 1e-12)
    }

    // `Fixtures/eval-paired.csv` (300 rows, 125 events, two predictors rounded to 2 decimals), made with R 4.2.2:
    //   set.seed(7); n <- 300; x <- rnorm(n); y <- rbinom(n, 1, plogis(-0.5 + x))
    //   a <- round(plogis(-0.5 + 0.9 * x + rnorm(n, sd = 0.5)), 2)
    //   b <- round(plogis(-0.5 + 0.6 * x + rnorm(n, sd = 0.9)), 2)
    //   a <- pmin(pmax(a, 0.01), 0.99); b <- pmin(pmax(b, 0.01), 0.99)
    // Reference, pROC 1.18.0:
    //   r1 <- roc(d$y, d$a, direction = "<", quiet = TRUE); r2 <- roc(d$y, d$b, direction = "<", quiet = TRUE)
    //   t <- roc.test(r1, r2, method = "delong")
    //   AUCs 0.73462857142857141, 0.68436571428571424; sqrt(var(r1)) 0.028851336691996955,
    //   sqrt(var(r2)) 0.031416083776378348; Z 1.4446692605603959; p 0.1485508081521926;
    //   pROC:::delong.paired.calculations(r1, r2)$sig 0.034791947551621537
    @Test func deLongDifferenceMatchesRocTest() throws {
        let f = try EvaluationFixture("eval-paired")
        let (y, a, b) = (f["y"], f["a"], f["b"])
        let t = try BinaryMetrics.deLongDifference(outcome: y, predictedA: a, predictedB: b)
        #expect(abs(t.difference - (0.73462857142857141 - 0.68436571428571424)) < 1e-12)
        #expect(abs(t.se - 0.034791947551621537) < 1e-12)
        #expect(abs(t.z - 1.4446692605603959) < 1e-9)
        #expect(abs(t.pValue - 0.1485508081521926) < 1e-9)
        let ea = try BinaryMetrics.deLong(outcome: y, predicted: a)
        let eb = try BinaryMetrics.deLong(outcome: y, predicted: b)
        #expect(abs(ea.auc - 0.73462857142857141) < 1e-12 && abs(eb.auc - 0.68436571428571424) < 1e-12)
        #expect(abs(ea.standardError - 0.028851336691996955) < 1e-12)
        #expect(abs(eb.standardError - 0.031416083776378348) < 1e-12)
    }

    // Identical predictors: difference and se are both 0, and pROC then sets Z = 0 (p = 1).
    @Test func identicalPredictorsGiveZeroZ() throws {
        let t = try BinaryMetrics.deLongDifference(outcome: Self.y, predictedA: Self.p, predictedB: Self.p)
        #expect(t.difference == 0 && t.se == 0 && t.z == 0 && t.pValue == 1)
    }

    @Test func deLongDifferenceNamesTheBadPredictor() {
        #expect {
            try BinaryMetrics.deLongDifference(outcome: Self.y, predictedA: Self.p, predictedB: [Double](repeating: 1.5, count: 8))
        } throws: { error in
            (error as? DataError)?.message == "row 1: predictedB 1.5 is not strictly between 0 and 1"
        }
    }
}
