package org.loftmail.auth.oauth2;

/**
 * The JWS {@code alg} values Loft verifies (RFC 7518 section 3.1), the same set as Dovecot's local
 * validation. {@code none} is deliberately absent: an unsigned token proves nothing.
 */
enum JwsAlgorithm {
    HS256(Family.HMAC, "SHA-256", 32, 0),
    HS384(Family.HMAC, "SHA-384", 48, 0),
    HS512(Family.HMAC, "SHA-512", 64, 0),
    RS256(Family.RSA, "SHA-256", 32, 0),
    RS384(Family.RSA, "SHA-384", 48, 0),
    RS512(Family.RSA, "SHA-512", 64, 0),
    PS256(Family.RSA_PSS, "SHA-256", 32, 0),
    PS384(Family.RSA_PSS, "SHA-384", 48, 0),
    PS512(Family.RSA_PSS, "SHA-512", 64, 0),
    ES256(Family.ECDSA, "SHA-256", 32, 256),
    ES384(Family.ECDSA, "SHA-384", 48, 384),
    ES512(Family.ECDSA, "SHA-512", 64, 521);

    /** What kind of key verifies the signature; a key of another family must never be tried. */
    enum Family { HMAC, RSA, RSA_PSS, ECDSA }

    final Family family;
    /** JCA digest name. */
    final String hash;
    /** Digest length: the HMAC output, the least HMAC key length, the PSS salt length. */
    final int hashBytes;
    /** ECDSA only: the curve's field size in bits (P-256, P-384, P-521), fixed per alg by RFC 7518. */
    final int curveBits;

    JwsAlgorithm(Family family, String hash, int hashBytes, int curveBits) {
        this.family = family;
        this.hash = hash;
        this.hashBytes = hashBytes;
        this.curveBits = curveBits;
    }

    /** The algorithm with exactly this name (JWS names are case-sensitive), or null. */
    static JwsAlgorithm byName(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** ECDSA: bytes of each of R and S in the JOSE signature. */
    int coordinateBytes() {
        return (curveBits + 7) / 8;
    }

    /** The JCA name of the digest without its dash, as Mac and Signature names spell it. */
    String jcaHash() {
        return hash.replace("-", "");
    }
}
