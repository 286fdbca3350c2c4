import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations

@Suite struct DecimalNumberTests {
    // Bit patterns from Python 3.11.7: hex(struct.unpack('<Q', struct.pack('<d', float(s)))[0])
    @Test(arguments: [
        ("0.1", 0x3FB9_9999_9999_999A),
        ("1e23", 0x44B5_2D02_C7E1_4AF6),
        ("9007199254740993", 0x4340_0000_0000_0000),
        ("2.2250738585072014e-308", 0x0010_0000_0000_0000),
        ("2.2250738585072011e-308", 0x000F_FFFF_FFFF_FFFF),
        ("4.9e-324", 0x1),
        ("5e-324", 0x1),
        ("2.47e-324", 0x0),
        ("1e-400", 0x0),
        ("1.7976931348623157e308", 0x7FEF_FFFF_FFFF_FFFF),
        ("123456789012345678901234567890", 0x45F8_EE90_FF6C_373E),
        ("0.30000000000000004", 0x3FD3_3333_3333_3334),
        ("-0", 0x8000_0000_0000_0000),
    ] as [(String, UInt64)])
    func knownBitPatterns(text: String, bits: UInt64) {
        #expect(DecimalNumber.parse(text)?.bitPattern == bits)
    }

    @Test func acceptedForms() {
        #expect(DecimalNumber.parse("1") == 1)
        #expect(DecimalNumber.parse("-2.5") == -2.5)
        #expect(DecimalNumber.parse("+3") == 3)
        #expect(DecimalNumber.parse(".5") == 0.5)
        #expect(DecimalNumber.parse("5.") == 5)
        #expect(DecimalNumber.parse("1e-3") == 0.001)
        #expect(DecimalNumber.parse("1E+10") == 1e10)
        #expect(DecimalNumber.parse("-.5e1") == -5)
        #expect(DecimalNumber.parse("007") == 7)
    }

    @Test(arguments: [
        "", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "--1", "+-1", "1e5.0", "0x1p3",
        "inf", "-inf", "Infinity", "nan", "NaN", "NA", "1e400", "-1e400", "1d5", "١",
    ])
    func rejectedForms(text: String) {
        #expect(DecimalNumber.parse(text) == nil)
    }

    /// The reference: the standard library's `Double(String)` (glibc `strtod`, correctly rounded); values that
    /// overflow to infinity are not numbers for `DecimalNumber`.
    private func reference(_ text: String) -> UInt64? {
        Double(text).flatMap { $0.isFinite ? $0.bitPattern : nil }
    }

    /// Agreement with `Double(String)` on edge strings and 200,000 seeded random strings spanning both the fast path
    /// and the fallback.
    @Test func agreesWithStandardLibraryBitForBit() {
        var edges = [
            "0", "0.0", "-0.0", "1", "10", "1e22", "1e23", "9.999999999999999e22", "4.35e37", "9007199254740992",
            "9007199254740993", "9007199254740994", "18014398509481985", "0.000001", "123456.789e-300",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096"
                + "330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475"
                + "730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
                + "1741.0",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "7.2057594037927933e16",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "0." + String(repeating: "0", count: 340) + "1", String(repeating: "9", count: 400),
            "3.14159265358979323846264338327950288", "1e-22", "1e-23", "123456789012345e-22",
            "9007199254740991e22", "9007199254740991e23", "1e37", "1e38", "99e35",
            "0000000000000000000000000000001", "0.00000000000000000000000000000000001234567890123456789",
            "00000000000000000000000.0000000000", "1234567890123456789", "12345678901234567890",
            "0.1234567890123456789", "1234567890123456789.5", "000000000000000000001234567890123456789e-5",
        ]
        edges += edges.map { "-" + $0 }
        for text in edges {
            #expect(DecimalNumber.parse(text)?.bitPattern == reference(text), "\(text)")
        }

        var rng = TestRandom(seed: 42)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let text = rng.decimalString()
            if DecimalNumber.parse(text)?.bitPattern != reference(text) { mismatches.append(text) }
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "first mismatches: \(mismatches.prefix(5))")
    }
}

/// SplitMix64 plus a generator of random decimal strings in the accepted grammar.
private struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(below(10))) })
    }

    /// Sign, 0–25 integer digits, optional fraction of 0–25 digits, optional exponent in −330…330.
    mutating func decimalString() -> String {
        var text = ["", "-", "+"][below(3)]
        let integerDigits = below(26)
        text += digits(integerDigits)
        if below(2) == 0 || integerDigits == 0 { text += "." + digits(integerDigits == 0 ? 1 + below(25) : below(26)) }
        switch below(4) {
        case 0: text += "e" + String(below(661) - 330)
        case 1: text += "E" + ["+", "-"][below(2)] + String(below(30))
        default: break
        }
        return text
    }
}
