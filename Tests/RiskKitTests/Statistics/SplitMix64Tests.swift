import Testing
import RiskKit
@testable import RiskKitStatistics

@Suite struct SplitMix64Tests {
    // Reference outputs of Vigna's splitmix64.c: seed 1234567 gives the five values published for the
    // generator (also Rosetta Code "Pseudo-random numbers/Splitmix64"); seed 0 starts with 0xE220A8397B1DCDAF.
    // Re-derived with Python 3.11 big integers:
    //   s = (s + 0x9E3779B97F4A7C15) % 2**64; z = s; z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    //   z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64; out = z ^ (z >> 31)
    @Test func matchesReferenceStream() {
        var g = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in g.next() } == expected)
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }

    // Lemire's bounded draw: the high word of next()·bound; for seed 0 and bound 10 that is
    // floor(0xE220A8397B1DCDAF · 10 / 2⁶⁴) = 8 (Python: (0xE220A8397B1DCDAF * 10) >> 64).
    @Test func boundedDrawsStayInRange() {
        var g = SplitMix64(seed: 0)
        #expect(g.next(below: 10) == 8)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[Int(g.next(below: 7))] += 1 }
        // Each bin expects 10 000; ±500 is about 5.3 standard deviations.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        var h = SplitMix64(seed: 99)
        let draws = (0..<1000).map { _ in h.next(below: 3) }
        #expect(draws.allSatisfy { $0 < 3 })
        #expect(Set(draws) == [0, 1, 2])
    }

    @Test func usableAsSystemRandomNumberGenerator() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        #expect(Double.random(in: 0..<1, using: &a) == Double.random(in: 0..<1, using: &b))
    }
}
