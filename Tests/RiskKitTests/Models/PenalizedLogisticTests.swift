import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
import RiskKitTestSupport

/// References: R 4.2.2 with glmnet 4.1.6, on the unstandardized fixture columns with frequency weights:
///   d <- read.csv("logit-small.csv"); X <- as.matrix(d[, c("x1","x2","x3")]); y <- d$y; w <- d$w
///   common <- list(family="binomial", standardize=FALSE, thresh=1e-14, maxit=1e7, weights=w)
@Suite struct PenalizedLogisticTests {
    // f <- glmnet(X, y, alpha=1, <common>): length(f$lambda) is 63 (glmnet stops early);
    // f$lambda[c(1,2,10,30)]; coef(f)[, c(10,30)]; f$dev.ratio[c(10,30)]
    @Test func lassoPathMatchesGlmnet() throws {
        let data = try LogisticFixture()
        let path = try LogisticRegression.path(
            design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names, alpha: .l1)
        #expect(path.lambdas.count == 100)
        #expect(isApproximatelyEqual(
            [path.lambdas[0], path.lambdas[1], path.lambdas[9], path.lambdas[29]],
            [0.450769482676791733, 0.410724364208538750, 0.195127348330513650, 0.030355496082619161], relative: 1e-12))
        #expect(isApproximatelyEqual(path.coefficients[9], [-1.046161848124900651, 0, 0.010189544578978801, 0], relative: 1e-6, magnitudeFloor: 1))
        #expect(path.coefficients[9][1] == 0 && path.coefficients[9][3] == 0)
        #expect(isApproximatelyEqual(path.coefficients[29], [-1.543905273977026926, 0.596249338582212074, 0.019862920263987758, 0], relative: 1e-6, magnitudeFloor: 1))
        #expect(isApproximatelyEqual([path.devianceRatios[9], path.devianceRatios[29]], [0.0049953319363570548, 0.0816495772975627671], relative: 1e-6, magnitudeFloor: 1))
        #expect(path.nonzeroCounts[0] == 0 && path.nonzeroCounts[29] == 2)
    }

    // e <- glmnet(X, y, alpha=0.5, lambda=c(0.05, 0.01, 0.002), <common>); coef(e)
    @Test func elasticNetMatchesGlmnet() throws {
        let data = try LogisticFixture()
        let expected: [[Double]] = [
            [-1.535180189913342375, 0.546473445426657878, 0.019758471940257701, 0],
            [-1.586983964380560108, 0.736981772405473690, 0.021771600142198297, -0.176104597038899524],
            [-1.579921802573790224, 0.786371090872039935, 0.022250077201031709, -0.276269372314798367],
        ]
        for (lambda, beta) in zip([0.05, 0.01, 0.002], expected) {
            let fit = try LogisticRegression.fit(
                design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names,
                options: .init(penalty: .elasticNet(alpha: 0.5), lambda: lambda))
            #expect(isApproximatelyEqual(fit.coefficients, beta, relative: 1e-6, magnitudeFloor: 1))
            #expect(fit.standardErrors == nil && fit.covariance == nil)
        }
    }

    // r <- glmnet(X, y, alpha=0, lambda=c(0.1, 0.01), <common>); coef(r)
    @Test func ridgeMatchesGlmnet() throws {
        let data = try LogisticFixture()
        let path = try LogisticRegression.path(
            design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names, alpha: .l2,
            lambdas: [0.01, 0.1])
        #expect(path.lambdas == [0.1, 0.01])
        #expect(isApproximatelyEqual(path.coefficients[0], [-1.524305335420782059, 0.488160706242591780, 0.020308836687690308, -0.093986290794441457], relative: 1e-6, magnitudeFloor: 1))
        #expect(isApproximatelyEqual(path.coefficients[1], [-1.574482907659481512, 0.747137314450495249, 0.022014874727829498, -0.247391787320994067], relative: 1e-6, magnitudeFloor: 1))
    }

    // Closed form: with penalty factor 0 on every feature but x3, x1 and x2 stay at their unpenalized values as
    // λ → λ_max, where x3 is exactly zero; a huge λ gives the unpenalized fit of intercept, x1 and x2.
    @Test func penaltyFactorLeavesColumnsUnpenalized() throws {
        let data = try LogisticFixture()
        let reduced = Matrix(rowMajor: (0..<data.design.rows).map { [1, data.design[$0, 1], data.design[$0, 2]] })
        let mle = try LogisticRegression.fit(
            design: reduced, outcome: data.outcome, weights: data.weights, columnNames: Array(data.names.prefix(3)))
        let fit = try LogisticRegression.fit(
            design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names,
            options: .init(penalty: .l1, lambda: 10, penaltyFactor: [0, 0, 0, 1]))
        #expect(fit.coefficients[3] == 0)
        #expect(isApproximatelyEqual(Array(fit.coefficients.prefix(3)), mle.coefficients, relative: 1e-7, magnitudeFloor: 1))
    }

    // foldid <- rep(1:5, length.out=nrow(d))
    // cv <- cv.glmnet(X, y, alpha=1, foldid=foldid, type.measure="deviance", <common>)
    // cv$cvm[c(1,10,30)]; cv$cvsd[c(1,10,30)]; c(cv$lambda.min, cv$lambda.1se)   (63 λ values)
    @Test func crossValidationMatchesCvGlmnet() throws {
        let data = try LogisticFixture()
        let lambdas = (0..<63).map { 0.450769482676791733 * pow(1e-4, Double($0) / 99) }
        let folds = (0..<data.design.rows).map { $0 % 5 + 1 }
        let cv = try LogisticRegression.crossValidate(
            design: data.design, outcome: data.outcome, weights: data.weights, columnNames: data.names, alpha: .l1,
            lambdas: lambdas, folds: folds)
        #expect(isApproximatelyEqual([cv.meanMeasure[0], cv.meanMeasure[9], cv.meanMeasure[29]],
                      [1.3343643053415208, 1.3311777246867824, 1.2369027258079155], relative: 1e-6, magnitudeFloor: 1))
        #expect(isApproximatelyEqual([cv.standardError[0], cv.standardError[9], cv.standardError[29]],
                      [0.051590589688172872, 0.050286038881397148, 0.045613000068178228], relative: 1e-6, magnitudeFloor: 1))
        #expect(abs(cv.lambdaMin / 0.019064136226030634 - 1) < 1e-9)
        #expect(abs(cv.lambda1SE / 0.092701298935277648 - 1) < 1e-9)
        #expect(cv.chosen.lambda == cv.lambda1SE)
        #expect(cv.chosen.coefficients == cv.path.coefficients[cv.lambdas.firstIndex(of: cv.lambda1SE)!])
    }

    // A custom higher-is-better measure: held-out accuracy at threshold 0.5 (any closure works the same way).
    @Test func customMeasurePicksBestAccuracy() throws {
        let data = try LogisticFixture()
        let folds = (0..<data.design.rows).map { $0 % 4 }
        let accuracy = CrossValidationMeasure.custom(name: "accuracy", higherIsBetter: true) { y, p in
            Double(zip(y, p).filter { ($1 >= 0.5 ? 1.0 : 0.0) == $0 }.count) / Double(y.count)
        }
        let cv = try LogisticRegression.crossValidate(
            design: data.design, outcome: data.outcome, columnNames: data.names, alpha: .l1, folds: folds,
            measure: accuracy, selection: .minimum)
        let best = cv.meanMeasure.max()!
        #expect(cv.meanMeasure[cv.lambdas.firstIndex(of: cv.lambdaMin)!] == best)
        #expect(cv.lambda1SE >= cv.lambdaMin)
        #expect(cv.measureName == "accuracy")
    }
}
