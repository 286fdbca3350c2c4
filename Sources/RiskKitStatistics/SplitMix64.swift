
/// Sebastiano Vigna's SplitMix64 generator: a seeded, platform-independent stream of 64-bit values.
///
/// Algorithm (Steele, Lea & Flood 2014; reference C code `splitmix64.c` by Vigna): the state advances by the
/// golden-ratio increment `0x9E3779B97F4A7C15` and each output is the state passed through the MurmurHash3-style
/// finalizer `z ^= z >> 30; z &*= 0xBF58476D1CE4E5B9; z ^= z >> 27; z &*= 0x94D049BB133111EB; z ^= z >> 31`.
/// Period 2⁶⁴, O(1) per value, 8 bytes of state. The same seed gives the same stream on every machine and Swift
/// version, which makes seeded fold assignments and resampling reproducible. Not cryptographic.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The current 64-bit state (the last value added to the seed).
    public private(set) var state: UInt64

    /// Creates a generator whose first output is the finalizer of `seed &+ 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64-bit output of the stream.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method (2019): the high word of
    /// `next() · bound`, redrawing when the low word falls below `2⁶⁴ mod bound`, so there is no modulo bias.
    /// Written out here (rather than `next(upperBound:)`) so the mapping from stream to integers is fixed.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
