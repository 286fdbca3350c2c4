import Foundation

extension RandomNumberGenerator {
    /// A uniform draw in the open interval (0, 1) from the top 53 bits of `next()`.
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal draw by the Box–Muller transform (one of the pair; the other is discarded).
    public mutating func nextNormal() -> Double {
        let u1 = nextUniform(), u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Bernoulli draw: 1 with probability `p`, else 0.
    public mutating func nextBernoulli(_ p: Double) -> Int { nextUniform() < p ? 1 : 0 }

    /// A Poisson draw with mean `lambda` (Knuth's multiplication method; meant for small means, < 30).
    public mutating func nextPoisson(_ lambda: Double) -> Int {
        let limit = exp(-lambda)
        var k = 0
        var product = nextUniform()
        while product > limit {
            k += 1
            product *= nextUniform()
        }
        return k
    }
}
