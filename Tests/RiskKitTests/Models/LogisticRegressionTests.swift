import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
import RiskKitTestSupport

@Suite struct LogisticRegressionTests {
    // statsmodels 0.15.0, Python 3.11:
    //   d = pd.read_csv("logit-small.csv"); X = sm.add_constant(d[["x1","x2","x3"]])
    //   r = sm.Logit(d.y, X).fit(method="newton", tol=1e-12, maxiter=100, disp=0)
    //   r.params, r.bse, r.pvalues, r.llf, r.llnull, r.conf_int()
    static let coefficients = [-1.8628336813221407, 0.8530146980960734, 0.02553910755065837, -0.19030387875395743]
    static let standardErrors = [0.6538783055671058, 0.15794738010668452, 0.01249678571559954, 0.2692486107322956]
    static let pValues = [4.387071430139207e-03, 6.640881712240864e-08, 4.098772920357195e-02, 4.796931737096043e-01]
    static let logLikelihood = -175.80046318277437, nullLogLikelihood = -194.23399172890242
    static let lower = [-3.1444116105057445, 0.54344352163451359, 1.0458576255686532e-03, -0.71802145867670153]
    static let upper = [-0.58125575213853709, 1.1625858745576334, 5.0032357475748079e-02, 0.33741370116878661]

    @Test(arguments: [LogisticRegression.NewtonStrategy.fullNewton, .quasiNewtonThenNewton])
    func unweightedMatchesStatsmodels(strategy: LogisticRegression.NewtonStrategy) throws {
        let data = try LogisticFixture()
        let fit = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, columnNames: data.names,
            options: .init(strategy: strategy))
        #expect(fit.converged)
        #expect(isApproximatelyEqual(fit.coefficients, Self.coefficients, relative: 1e-9))
        #expect(isApproximatelyEqual(try #require(fit.standardErrors), Self.standardErrors, relative: 1e-8))
        #expect(isApproximatelyEqual(try #require(fit.pValues), Self.pValues, relative: 1e-7))
        #expect(abs(fit.logLikelihood / Self.logLikelihood - 1) < 1e-12)
        // Closed form: 105 of 300 outcomes are 1, so the null deviance is −2·(105·log(0.35) + 195·log(0.65)).
        #expect(abs(fit.nullDeviance / 388.46798342077955 - 1) < 1e-13)
        #expect(abs(fit.nullDeviance / (-2 * Self.nullLogLikelihood) - 1) < 1e-9)  // statsmodels fits llnull loosely
        let ci = try #require(fit.confidenceIntervals)
        #expect(isApproximatelyEqual(ci.map(\.lower), Self.lower, relative: 1e-8, magnitudeFloor: 1))
        #expect(isApproximatelyEqual(ci.map(\.upper), Self.upper, relative: 1e-8, magnitudeFloor: 1))
        let cov = try #require(fit.covariance)
        #expect(abs(cov[1, 2] - cov[2, 1]) == 0)
    }

    // R 4.2.2: d <- read.csv("logit-small.csv")
    //   f <- glm(y ~ x1 + x2 + x3, family=binomial, data=d, weights=w, control=glm.control(epsilon=1e-14, maxit=100))
    //   coef(f); sqrt(diag(vcov(f))); c(deviance(f), f$null.deviance, logLik(f))
    @Test func frequencyWeightsMatchR() throws {
        let data = try LogisticFixture()
        let fit = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names)
        #expect(isApproximatelyEqual(
            fit.coefficients, [-1.577735906943786182, 0.799684009963060105, 0.022379868697415435, -0.304626008450219588], relative: 1e-9))
        #expect(isApproximatelyEqual(
            try #require(fit.standardErrors),
            [0.453352573324486308, 0.107246302773718827, 0.008713331714759083, 0.187864361128561086], relative: 1e-8))
        #expect(abs(fit.deviance / 721.65412647498124 - 1) < 1e-12)
        #expect(abs(fit.nullDeviance / 792.59105453300060 - 1) < 1e-12)
        #expect(abs(fit.logLikelihood / -360.82706323749062 - 1) < 1e-12)
    }

    // R 4.2.2: g <- glm(y ~ x1 + x2 + x3 + offset(offset), family=binomial, data=d, weights=w,
    //                   control=glm.control(epsilon=1e-14, maxit=100)); coef(g); sqrt(diag(vcov(g)));
    //          c(deviance(g), g$null.deviance)   # null deviance: intercept-only with the offset
    @Test(arguments: [LogisticRegression.NewtonStrategy.fullNewton, .quasiNewtonThenNewton])
    func offsetAndWeightsMatchR(strategy: LogisticRegression.NewtonStrategy) throws {
        let data = try LogisticFixture()
        let fit = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, weights: data.weights, offset: data.offset,
            columnNames: data.names, options: .init(strategy: strategy))
        #expect(isApproximatelyEqual(
            fit.coefficients, [-1.603538892369108515, 0.834156675474334475, 0.023127219585361455, -0.316857603795781040], relative: 1e-9))
        // The quasi-Newton strategy forms XᵀWX where the scaled gradient first drops below 1e-7 (documented).
        #expect(isApproximatelyEqual(
            try #require(fit.standardErrors),
            [0.4580815944814110030, 0.1086190845285919249, 0.0088073709387753996, 0.1890721890310166631], relative:
            strategy == .fullNewton ? 1e-8 : 1e-7))
        #expect(abs(fit.deviance / 704.07879195798023 - 1) < 1e-12)
        #expect(abs(fit.nullDeviance / 779.42313129150273 - 1) < 1e-12)
    }

    // Rescaling a column rescales its coefficient and SE exactly (closed form), whatever the scale.
    @Test func scaleInvariance() throws {
        let data = try LogisticFixture()
        var scaled = data.design
        for i in 0..<scaled.rows { scaled[i, 2] *= 1e6 }
        let fit = try LogisticRegression.fit(design: scaled, outcome: data.outcome, columnNames: data.names)
        #expect(abs(fit.coefficients[2] * 1e6 / Self.coefficients[2] - 1) < 1e-8)
        #expect(abs(try #require(fit.standardErrors)[2] * 1e6 / Self.standardErrors[2] - 1) < 1e-8)
    }
}
