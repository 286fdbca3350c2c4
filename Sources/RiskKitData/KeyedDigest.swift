internal import Crypto

/// Keyed and short digests of small byte strings: HMAC-SHA256 for pseudonyms, a truncated SHA-256 for
/// fingerprints of values (swift-crypto, which stays behind this target).
package enum KeyedDigest {
    /// HMAC-SHA256 of `message` under `key`, as 64 lower-case hex digits.
    package static func hmacSHA256(key: [UInt8], message: some Sequence<UInt8>) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Array(message))
        return hmac.finalize().hexString
    }

    /// The first `bytes` bytes (at most 32) of the SHA-256 of `raw`, as lower-case hex.
    package static func sha256Prefix(_ raw: UnsafeRawBufferPointer, bytes: Int) -> String {
        SHA256.hash(data: raw).prefix(bytes).hexString
    }
}
