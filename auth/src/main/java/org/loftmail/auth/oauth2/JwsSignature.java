package org.loftmail.auth.oauth2;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Checks a JWS signature with the JDK's providers. The key must be of the algorithm's family
 * before anything is computed: an RSA public key is public, so accepting it as an HMAC secret
 * (or a secret where a public key belongs) would let anyone forge tokens.
 */
final class JwsSignature {
    /** RFC 7518 section 3.3: smaller RSA keys MUST NOT be used. */
    static final int MIN_RSA_BITS = 2048;

    private JwsSignature() {
    }

    /**
     * True if {@code signature} signs {@code signingInput} under {@code key} with {@code alg};
     * throws {@link InvalidTokenException} if the key does not belong to {@code alg}.
     */
    static boolean verify(JwsAlgorithm alg, Key key, byte[] signingInput, byte[] signature) {
        checkKey(alg, key);
        try {
            if (alg.family == JwsAlgorithm.Family.HMAC) {
                Mac mac = Mac.getInstance("Hmac" + alg.jcaHash());
                mac.init(key);
                // Constant time: a timing leak would let a client find a valid MAC byte by byte.
                return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
            }
            Signature sig = signature(alg);
            sig.initVerify((java.security.PublicKey) key);
            sig.update(signingInput);
            if (alg.family == JwsAlgorithm.Family.ECDSA) {
                if (signature.length != 2 * alg.coordinateBytes()) {
                    return false;
                }
                return sig.verify(derFromJose(signature));
            }
            return sig.verify(signature);
        } catch (SignatureException e) {
            // A signature of the wrong length or encoding is simply not a valid signature.
            return false;
        } catch (InvalidKeyException e) {
            throw new InvalidTokenException(alg + " cannot use this key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + alg, e);
        }
    }

    private static void checkKey(JwsAlgorithm alg, Key key) {
        switch (alg.family) {
            case HMAC:
                if (!(key instanceof SecretKey) || key.getEncoded() == null) {
                    throw new InvalidTokenException(alg + " needs an HMAC secret, the key is " + kind(key));
                }
                if (key.getEncoded().length < alg.hashBytes) {
                    // RFC 7518 section 3.2: a shorter key MUST NOT be used.
                    throw new InvalidTokenException(alg + " needs a secret of at least " + alg.hashBytes
                            + " bytes, the key has " + key.getEncoded().length);
                }
                return;
            case RSA:
            case RSA_PSS:
                if (!(key instanceof RSAPublicKey)) {
                    throw new InvalidTokenException(alg + " needs an RSA public key, the key is " + kind(key));
                }
                int bits = ((RSAPublicKey) key).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new InvalidTokenException(alg + " needs an RSA key of at least " + MIN_RSA_BITS
                            + " bits, the key has " + bits);
                }
                return;
            case ECDSA:
                if (!(key instanceof ECPublicKey)) {
                    throw new InvalidTokenException(alg + " needs an EC public key, the key is " + kind(key));
                }
                int field = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
                if (field != alg.curveBits) {
                    throw new InvalidTokenException(alg + " needs a P-" + alg.curveBits + " key, the key's curve has "
                            + field + " bits");
                }
                return;
            default:
                throw new IllegalStateException(alg.family.name());
        }
    }

    private static String kind(Key key) {
        if (key instanceof SecretKey) {
            return "an HMAC secret";
        }
        return key.getAlgorithm() + " public key";
    }

    private static Signature signature(JwsAlgorithm alg) throws GeneralSecurityException {
        switch (alg.family) {
            case RSA:
                return Signature.getInstance(alg.jcaHash() + "withRSA");
            case RSA_PSS:
                Signature pss = Signature.getInstance("RSASSA-PSS");
                // RFC 7518 section 3.5: MGF1 with the same hash, salt as long as the hash.
                pss.setParameter(new PSSParameterSpec(alg.hash, "MGF1", new MGF1ParameterSpec(alg.hash),
                        alg.hashBytes, PSSParameterSpec.TRAILER_FIELD_BC));
                return pss;
            case ECDSA:
                return Signature.getInstance(alg.jcaHash() + "withECDSA");
            default:
                throw new NoSuchAlgorithmException(alg.name());
        }
    }

    /**
     * JOSE's ECDSA signature is R and S as fixed-width big-endian numbers (RFC 7518 section 3.4);
     * the JDK's ECDSA wants the DER {@code SEQUENCE { INTEGER r, INTEGER s }} of X9.62.
     */
    static byte[] derFromJose(byte[] rs) {
        int n = rs.length / 2;
        byte[] r = derInteger(rs, 0, n);
        byte[] s = derInteger(rs, n, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream(r.length + s.length + 3);
        out.write(0x30);
        writeLength(out, r.length + s.length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    /** A non-negative DER INTEGER: leading zeros dropped, a zero added if the top bit is set. */
    private static byte[] derInteger(byte[] b, int off, int len) {
        int start = off;
        int end = off + len;
        while (start < end - 1 && b[start] == 0) {
            start++;
        }
        boolean pad = (b[start] & 0x80) != 0;
        int contentLength = end - start + (pad ? 1 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength + 2);
        out.write(0x02);
        writeLength(out, contentLength);
        if (pad) {
            out.write(0);
        }
        out.write(b, start, end - start);
        return out.toByteArray();
    }

    /** DER definite length; P-521's sequence (up to 139 bytes) needs the one-byte long form. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length >= 0x80) {
            out.write(0x81);
        }
        out.write(length);
    }
}
