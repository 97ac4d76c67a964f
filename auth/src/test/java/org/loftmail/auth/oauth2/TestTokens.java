package org.loftmail.auth.oauth2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and tokens for the tests, made with the JDK independently of the code under test: tokens
 * are signed here (ECDSA in the JDK's own P1363 R||S format, not through our DER conversion).
 */
final class TestTokens {
    /** The tests' "now": 2027-01-15T08:00:00Z. */
    static final long NOW = 1_800_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private TestTokens() {
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code base64url(header).base64url(claims)}, the JWS signing input. */
    static String signingInput(String header, String claims) {
        return b64(header) + "." + b64(claims);
    }

    /** A header for {@code alg} with {@code kid}, or none when kid is null. */
    static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
    }

    /** Typical claims: valid from 10 minutes ago for an hour, for {@code email}; {@code extra} is raw JSON members. */
    static String claims(String email, String extra) {
        return "{\"iss\":\"https://idp.example.org\",\"sub\":\"u-1234\",\"email\":\"" + email + "\",\"iat\":"
                + (NOW - 600) + ",\"nbf\":" + (NOW - 600) + ",\"exp\":" + (NOW + 3000)
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String hmac(String alg, byte[] secret, String header, String claims) {
        String input = signingInput(header, claims);
        try {
            String name = "HmacSHA" + alg.substring(2);
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(secret, name));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with RS*, PS* or ES* (ES in R||S form straight from the JDK). */
    static String sign(String alg, PrivateKey key, String header, String claims) {
        String input = signingInput(header, claims);
        String bits = alg.substring(2);
        try {
            Signature s;
            if (alg.startsWith("RS")) {
                s = Signature.getInstance("SHA" + bits + "withRSA");
            } else if (alg.startsWith("PS")) {
                s = Signature.getInstance("RSASSA-PSS");
                String hash = "SHA-" + bits;
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(bits) / 8, 1));
            } else {
                s = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            }
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code curve}: secp256r1, secp384r1 or secp521r1. */
    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] secret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String base64Secret(byte[] secret) {
        return Base64.getEncoder().encodeToString(secret) + "\n";
    }

    /** Writes {@code content} at {@code root/azp/alg/kid}, the layout of Dovecot's fs dict. */
    static Path writeKey(Path root, String azp, String alg, String kid, String content) {
        Path file = root.resolve(azp).resolve(alg).resolve(kid);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
