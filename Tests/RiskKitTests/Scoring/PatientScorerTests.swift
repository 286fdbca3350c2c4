import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// The one patient path: a file's rows and single patients give the same report, with closed-form values.
@Suite struct PatientScorerTests {
    /// Features a, b (numeric, training values 0 and 2: mean 1), sex (F/M: the M column's mean ½) and, with
    /// `genetic`, prs (training values 0 and 2: mean 1); η = β₀ + a − b + ½·[sex = M] (+ 2·prs). Without `domain`,
    /// the model records no training domain (as files written before it was kept), so it assesses every patient.
    func model(genetic: Bool = false, domain: Bool = true) throws -> RiskModel {
        var columns: [(name: String, column: RawColumn)] = [
            ("a", .numeric([0, 2])), ("b", .numeric([0, 2])), ("sex", .categorical(codes: [0, 1], levels: ["F", "M"])),
        ]
        var estimates = [0.0, 1, -1, 0.5]
        if genetic {
            columns.append(("prs", .numeric([0, 2])))
            estimates.append(2)
        }
        var (schema, _) = try FeatureSchema.learn(columns: columns)
        // With a domain, the model is declared for its training range of `a` and `b` (as `train --applicable`).
        for f in schema.features.indices where domain && schema.features[f].kind == .numeric && schema.features[f].name != "prs" {
            schema.features[f].applicable = ValueRange(lower: schema.features[f].observedMin, upper: schema.features[f].observedMax)
        }
        for f in schema.features.indices where !domain {
            schema.features[f].observedMin = nil
            schema.features[f].observedMax = nil
            schema.features[f].required = nil
        }
        let genetics = genetic ? GeneticComponent(
            feature: "prs",
            score: PolygenicScoreModel(
                description: nil, method: "weights", variants: [], reference: ScoreDistribution(scores: [0, 1, 2]),
                provenance: PolygenicScoreProvenance(inputs: [:], referenceSamples: 3, variantCounts: [:],
                                                     date: "2026-11-25T00:00:00Z", riskkitVersion: "0", options: [:])),
            trainingMean: 1, trainingSD: 1, coefficientsWithoutScore: [0, 1, -1, 0.5, 0],
            oddsRatioPerSD: .init(estimate: exp(2), ciLow: nil, ciHigh: nil)) : nil
        return testModel(schema: schema, estimates: estimates, genetics: genetics)
    }

    /// The reports of every row of `csv`, read as a file.
    func fileReports(_ scorer: PatientScorer, _ csv: String) async throws -> [PatientReport] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/patients.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        var reports: [PatientReport] = []
        try await scorer.forEachReport(in: try PatientFile(path: path, model: scorer.model)) { reports.append($0) }
        return reports
    }

    @Test func largestKeepsTheStableSortOrderOnTies() {
        let values = [1.0, -2, 2, 0.5, -2]
        #expect(RiskModel.largest(values, count: 3) == [1, 2, 4])
        #expect(RiskModel.largest(values, count: 10) == [1, 2, 4, 0, 3])
        #expect(RiskModel.largest(values, count: 0) == [])
        #expect(RiskModel.largest([0, -0.0, 0], count: 2) == [0, 1])
    }

    @Test func fileRowsAndSinglePatientsGiveTheSameReport() async throws {
        let model = try model()
        let scorer = PatientScorer(model: model, topContributions: 2)
        let reports = try await fileReports(scorer, "id,a,b,sex\np1,3,-1,F\np2,NA, ,M\n")
        let single = try [["id": "p1", "a": "3", "b": "-1", "sex": "F"], ["id": "p2", "a": "NA", "b": " ", "sex": "M"]]
            .map { try scorer.report(PatientInput(model: model, fields: $0)) }
        #expect(reports == single)
        // p1: η = 3 + 1 = 4; contributions a 1·(3 − 1) = 2 and b −1·(−1 − 1) = 2 tie (schema order), sex −¼.
        let p1 = reports[0].score
        #expect(p1.id == "p1")
        #expect(p1.linearPredictor == 4)
        #expect(p1.risk == 1 / (1 + exp(-4.0)))
        #expect(p1.contributions == [Contribution(feature: "a", value: 2), Contribution(feature: "b", value: 2)])
        #expect(p1.imputed.isEmpty)
        // p2: a and b missing (NA, blank), imputed at their mean 1: contributions 0; sex M ½·(1 − ½) = ¼.
        let p2 = reports[1].score
        #expect(p2.imputed == ["a", "b"])
        #expect(p2.linearPredictor == 0.5)
        #expect(p2.contributions == [Contribution(feature: "sex", value: 0.25), Contribution(feature: "a", value: 0)])
    }

    @Test func unknownLevelNamesTheColumnAndLine() async throws {
        let scorer = PatientScorer(model: try model())
        let error = await dataError { _ = try await fileReports(scorer, "id,a,b,sex\np1,1,1,F\np2,1,1,X\n") }
        #expect(error?.line == 3)
        #expect(error?.column == "sex")
        #expect(error?.message.contains("known levels: `F`, `M`") == true)
    }

    @Test func polygenicScoreIsJoinedByIdAsANumber() async throws {
        let model = try model(genetic: true)
        // A score with more digits than any short text round trip would keep.
        let prs = 1.0 / 3
        let scorer = PatientScorer(
            model: model,
            genotypeScores: GenotypeScores(byIndividual: ["p1": prs], matchedVariants: 0, unavailableVariants: 0))
        let reports = try await fileReports(scorer, "id,a,b,sex,prs\np1,1,1,F,99\np2,1,1,F,99\n")
        // p1: the genotype score replaces the file's column: η = 1 − 1 + 2·⅓; genetic log odds 2·(⅓ − 1).
        let p1 = try #require(reports[0].score.genetics)
        #expect(p1.score == prs)
        #expect(p1.logOdds == 2 * (prs - 1))
        #expect(reports[0].score.linearPredictor == 1.0 - 1.0 + 2 * prs)
        // p2 has no genotypes: the score is missing and imputed at the training mean 1.
        #expect(reports[1].score.imputed == ["prs"])
        #expect(reports[1].score.genetics?.score == nil)
        #expect(reports[1].score.linearPredictor == 1.0 - 1.0 + 2)
    }

    @Test func fixedDecimalsMatchPrintf() {
        var values: [Double] = [0, -0.0, 0.25, 0.35, 0.125, -0.125, 2.5, 1e-9, -1e-9, 99.95, 12345.678949999, 0.05, 1e15]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            values.append(Double.random(in: -50...50, using: &rng))
            values.append(Double(Int.random(in: -100_000...100_000, using: &rng)) / 10_000 + 0.00005)
        }
        for x in values {
            for (digits, plus) in [(1, false), (4, true), (2, true), (0, false)] {
                var out: [UInt8] = []
                DecimalNumber.appendFixed(x, digits: digits, plusSign: plus, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == String(format: "%\(plus ? "+" : "").\(digits)f", x))
            }
        }
    }

    /// Numbers written as bytes are the text of `description`, and JSON numbers that text without a trailing `.0`
    /// (what `JSONEncoder` writes): edge values, then any bit pattern and everyday magnitudes.
    @Test func shortestNumbersMatchDescription() {
        var values: [Double] = [0, -0.0, 1, -1, 100, 0.1, 1e16, 1e-7, 5e-324, 123_456_789_012_345_680, .pi,
                                .greatestFiniteMagnitude, .leastNormalMagnitude, -.leastNonzeroMagnitude]
        var rng = SplitMix64(seed: 8)
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: rng.next()))
            values.append(Double.random(in: -5...5, using: &rng))
            values.append(Double(Int.random(in: -1000...1000, using: &rng)) / 10)
        }
        for x in values where x.isFinite {
            var text: [UInt8] = Array("a,".utf8), json: [UInt8] = Array("a,".utf8)
            DecimalNumber.appendShortest(x, to: &text)
            JSONText.append(number: x, to: &json)
            let expected = x.description
            #expect(String(decoding: text, as: UTF8.self) == "a," + expected)
            #expect(String(decoding: json, as: UTF8.self) == "a," + (expected.hasSuffix(".0") ? String(expected.dropLast(2)) : expected))
        }
    }

    @Test func jsonLinesAreWhatJSONEncoderWrites() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Texts with quotes, a backslash, a slash and non-ASCII letters; a lifestyle rule with a factor (its
        // contribution is written); a rule on a field the file lacks (skipped).
        let policy = try RecommendationPolicy(data: Data(#"""
            {"format": "riskkit-policy", "version": 1, "policy_version": "t/1", "date": "2026-11-25",
             "title": "T", "disclaimer": "Test fixture.", "outcome": {"description": "o", "horizon_years": 10},
             "fields": {"a": {"type": "number"}, "z": {"type": "number"}, "sex": {"type": "category"}},
             "bands": [{"id": "low", "label": "Low \"x\" / <5%", "lower": 0, "upper": 0.5, "source": "s"},
                       {"id": "high", "label": "High – ünïcode", "lower": 0.5, "upper": 1, "source": "s"}],
             "rules": [
               {"id": "A-1", "kind": "screening", "when": {"field": "sex", "equals": "F"}, "text": "Check \\ now",
                "interval_months": 12, "source": "g", "note": "n"},
               {"id": "L-1", "kind": "lifestyle", "when": {"field": "a", "at_least": 0}, "text": "t",
                "interval_months": null, "source": "g", "factor": "a"},
               {"id": "S-1", "kind": "therapy", "when": {"field": "z", "above": 1}, "text": "u",
                "interval_months": null, "source": "g"}]}
            """#.utf8))
        let genotypes = GenotypeScores(byIndividual: ["p\"1": 1.5], matchedVariants: 1, unavailableVariants: 0)
        let scorer = PatientScorer(model: try model(genetic: true, domain: false), genotypeScores: genotypes, policy: policy,
                                   topContributions: 2)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/patients.csv"
        // The second id holds a tab: that line is JSONEncoder's own.
        try "id,a,b,sex\n\"p\"\"1\",3,-1,F\n\"tab\there\",NA,1e-7,M\n".write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await JSONLinesAgainstEncoder(scorer, path: path, encoder: encoder)
        let lines = check.lines
        #expect(lines.count == 2)
        #expect(lines == check.expected)
        #expect(String(decoding: lines[0], as: UTF8.self).contains(#""contribution":2,"factor":"a""#))
        #expect(String(decoding: lines[0], as: UTF8.self).contains(#""skipped_rules":[{"fields":["z"]"#))
    }

    /// A bad row in the third block: every row before it is scored and handed on, in order, then the error names
    /// its line; nothing after it is.
    @Test func blocksStopExactlyAtABadRow() async throws {
        let scorer = PatientScorer(model: try model())
        let capacity = PatientBlock(scorer: scorer).capacity
        let bad = 2 * capacity + 7
        var csv = "id,a,b,sex\n"
        for r in 1...(3 * capacity) { csv += "p\(r),\(r == bad ? "x" : String(r % 5)),1,F\n" }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/patients.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        var ids: [String] = [], risks: [Double] = []
        let error = await dataError {
            try await scorer.forEachBlock(in: try PatientFile(path: path, model: scorer.model), format: { $0.count }) { block, count in
                #expect(count == block.count)
                for i in 0..<block.count {
                    ids.append(block.ids[i]!)
                    risks.append(block.risks[i])
                }
            }
        }
        #expect(error?.line == bad + 1)
        #expect(error?.column == "a")
        #expect(ids == (1..<bad).map { "p\($0)" })
        // η = a − b + 0 (sex F): a = r mod 5, b = 1.
        #expect(risks.enumerated().allSatisfy { r, risk in risk == 1 / (1 + exp(-Double((r + 1) % 5 - 1))) })
    }

    /// Rows read in runs of lines (a file without quotes) and in one pass (the same file with a quoted cell) get the
    /// same `row N` ids, risks and error line, blank lines included.
    @Test func runsOfLinesAndOnePassAgree() async throws {
        let scorer = PatientScorer(model: try model())
        let capacity = PatientBlock(scorer: scorer).capacity
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var results: [[String]] = []
        var lines: [Int?] = []
        for quoted in [false, true] {
            var csv = "a,b,sex\n"
            for r in 1...(2 * capacity + 50) {
                if r % 1000 == 0 { csv += "\n" }
                csv += r == 2 * capacity + 40 ? "1,y,F\n" : "\(r % 7),1,\(quoted && r == 1 ? "\"F\"" : "F")\n"
            }
            let path = folder + "/p\(quoted).csv"
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try CSVReader(path: path).splitsAtLineFeeds == !quoted)
            var seen: [String] = []
            let error = await dataError {
                try await scorer.forEachBlock(in: try PatientFile(path: path, model: scorer.model), format: { _ in () }) { block, _ in
                    for i in 0..<block.count { seen.append("\(block.ids[i]!) \(block.risks[i])") }
                }
            }
            results.append(seen)
            lines.append(error?.line)
        }
        #expect(results[0] == results[1])
        #expect(results[0].count == 2 * capacity + 39)
        #expect(results[0].last?.hasPrefix("row \(2 * capacity + 39) ") == true)
        // The bad row's line: the header, its rows before it, and one blank line per thousand rows before it.
        let bad = 2 * capacity + 40
        #expect(lines[0] == 1 + bad + bad / 1000)
        #expect(lines[1] == lines[0])
    }

    /// The run's time as written on every row: ISO 8601 UTC, whole seconds, zero-padded. 951782400 s = 11,016 days
    /// after 1970-01-01 = 2000-02-29 (30 years with 7 leap days, then 31 + 28 days); 3,661.9 s later is 01:01:01.
    @Test func timestampIsISO8601UTCWithSeconds() {
        #expect(ScoringProvenance.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ScoringProvenance.timestamp(Date(timeIntervalSince1970: 951_782_400 + 3_661.9)) == "2000-02-29T01:01:01Z")
        #expect(ScoringProvenance.timestamp(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
    }
}
