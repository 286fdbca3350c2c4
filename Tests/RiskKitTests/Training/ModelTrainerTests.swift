import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
import RiskKitTestSupport

@Suite struct ModelTrainerTests {
    /// Reference: R 4.2.2 (2022-11-10 r83330), `glm` fully converged:
    /// ```r
    /// d <- read.csv("Tests/RiskKitTests/Fixtures/train-small.csv", na.strings=c("","NA"))
    /// d <- d[!is.na(d$cvd_10y),]
    /// m <- glm(cvd_10y ~ age + sex + region + smoker + bmi + systolic_bp, family=binomial, data=d,
    ///          control=glm.control(epsilon=1e-15, maxit=100))
    /// summary(m)$coefficients[, 1:2]; deviance(m); m$null.deviance; AIC(m)
    /// ```
    static let names = ["(Intercept)", "age", "bmi", "region=north", "region=south", "region=west", "sex=M", "smoker", "systolic_bp"]
    static let rEstimates: [String: Double] = [
        "(Intercept)": -11.374781635868945529, "age": 0.073689891938383129, "sex=M": 0.912123978878929265,
        "region=north": 0.538827129714672171, "region=south": 0.754909419121219005, "region=west": 0.298836628149288630,
        "smoker": 1.171220382086229694, "bmi": -0.019235493680667650, "systolic_bp": 0.029703131125849616,
    ]
    static let rStdErrors: [String: Double] = [
        "(Intercept)": 2.054060229438948060, "age": 0.021525348669482053, "sex=M": 0.374793083073906963,
        "region=north": 0.536344323271216727, "region=south": 0.517995445524649378, "region=west": 0.529076504841362816,
        "smoker": 0.390353885013321522, "bmi": 0.042456932395962377, "systolic_bp": 0.013179459763160234,
    ]

    @Test func unpenalizedFitMatchesRGlmOnTheOriginalScale() throws {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        let report = try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options)
        let model = report.model
        #expect(model.training.rowsRead == 400)
        #expect(model.training.rowsUsed == 397)
        #expect(model.training.rowsSkipped["missing_outcome"] == 3)
        #expect(model.training.events == 41)
        #expect(report.notes.contains("skipped 3 rows with a missing outcome"))
        #expect(Set(model.coefficients.map(\.name)) == Set(Self.names))
        for c in model.coefficients {
            #expect(isApproximatelyEqual(c.estimate, Self.rEstimates[c.name]!, relative: 1e-8), "\(c.name)")
            #expect(isApproximatelyEqual(c.stdError!, Self.rStdErrors[c.name]!, relative: 1e-6), "\(c.name)")
            #expect(isApproximatelyEqual(c.oddsRatio!, exp(Self.rEstimates[c.name]!), relative: 1e-8))
        }
        #expect(isApproximatelyEqual(model.fit.deviance, 218.19918724892656, relative: 1e-10))
        #expect(isApproximatelyEqual(model.fit.nullDeviance, 263.78181702923035, relative: 1e-10))
        #expect(isApproximatelyEqual(model.fit.aic!, 236.19918724892656, relative: 1e-10))
    }

    /// Reference: R 4.2.2, `glm(..., weights = w)` on the same rows (frequency weights w = 1 + (row − 1) mod 3):
    /// ```r
    /// d <- read.csv("Tests/RiskKitTests/Fixtures/train-weighted.csv", na.strings=c("","NA"))
    /// d <- d[!is.na(d$cvd_10y),]
    /// m <- glm(cvd_10y ~ age + sex + region + smoker + bmi + systolic_bp, family=binomial, data=d, weights=w,
    ///          control=glm.control(epsilon=1e-15, maxit=100))
    /// ```
    @Test func weightedFitMatchesRGlm() throws {
        let estimates: [String: Double] = [
            "(Intercept)": -10.087332895199292437, "age": 0.069268099081892270, "sex=M": 0.779406004155047905,
            "region=north": 0.137595318538755312, "region=south": 0.502924888370515744, "region=west": 0.084315061738896732,
            "smoker": 1.209660737749605586, "bmi": -0.022728053480676431, "systolic_bp": 0.024681242368875773,
        ]
        let errors: [String: Double] = [
            "(Intercept)": 1.4555401529227216528, "age": 0.0150021067474875418, "sex=M": 0.2611844904563530023,
            "region=north": 0.3672295538713394869, "region=south": 0.3467907581081115520, "region=west": 0.3731234354318054280,
            "smoker": 0.2661283415483647330, "bmi": 0.0304599500831436269, "systolic_bp": 0.0094473977759119542,
        ]
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        options.weights = "w"
        let model = try ModelTrainer.train(dataPath: fixturePath("train-weighted.csv"), options: options).model
        #expect(model.coefficients.count == 9)
        for c in model.coefficients {
            #expect(isApproximatelyEqual(c.estimate, estimates[c.name]!, relative: 1e-8), "\(c.name)")
            #expect(isApproximatelyEqual(c.stdError!, errors[c.name]!, relative: 1e-6), "\(c.name)")
        }
        #expect(isApproximatelyEqual(model.fit.deviance, 445.0353017686727, relative: 1e-10))
    }

    /// King & Zeng (2001) prior correction, closed form: β₀ − ln[((1−τ)/τ)·(ȳ/(1−ȳ))] with ȳ = 41/397.
    @Test func prevalenceReanchorsTheInterceptOnly() throws {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        options.prevalence = 0.02
        let model = try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options).model
        let ybar = 41.0 / 397.0
        let shift = log((0.98 / 0.02) * (ybar / (1 - ybar)))
        #expect(isApproximatelyEqual(model.calibration.interceptShift, shift, relative: 1e-14))
        #expect(isApproximatelyEqual(model.intercept, Self.rEstimates["(Intercept)"]! - shift, relative: 1e-8))
        #expect(isApproximatelyEqual(model.coefficients[1].estimate, Self.rEstimates[model.coefficients[1].name]!, relative: 1e-8))
    }

    @Test func missingOutcomeColumnIsNamed() {
        let options = TrainingOptions(outcome: "nope")
        #expect {
            try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options)
        } throws: { error in
            (error as? DataError)?.column == "nope"
        }
    }

    @Test func crossValidatedEvaluationIsReported() throws {
        var options = TrainingOptions(outcome: "cvd_10y")
        options.id = "id"
        options.evaluationFolds = 5
        let model = try ModelTrainer.train(dataPath: fixturePath("train-small.csv"), options: options).model
        let cv = try #require(model.crossValidation)
        #expect(cv.n == 397)
        #expect(cv.events == 41)
        #expect(cv.auc > 0.6 && cv.auc < 0.95)
    }
}
