package org.loftmail.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of one SCRAM-SHA-1 (RFC 5802) or SCRAM-SHA-256 (RFC 7677) exchange, without
 * channel binding: client-first ({@link #clientFirst}), server-first ({@link #serverFirst}, from
 * the stored {@code iter,salt,storedkey,serverkey}), client-final ({@link #clientFinal}, which
 * gives the server-final message when the proof is right). Every step returns null on a
 * malformed message or a wrong proof; the exchange is then over. One instance per exchange,
 * used by one thread.
 */
public final class SaslScram {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hash of a SCRAM variant; {@code mechanism} is also the credential's scheme name. */
    public enum Hash {
        SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

        private final String mechanism;
        private final String digest;
        private final String mac;

        Hash(String mechanism, String digest, String mac) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.mac = mac;
        }

        public String mechanism() {
            return mechanism;
        }

        public byte[] hmac(byte[] key, String data) {
            try {
                Mac m = Mac.getInstance(mac);
                m.init(new SecretKeySpec(key, mac));
                return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has " + mac, e);
            }
        }

        public byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(digest).digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has " + digest, e);
            }
        }
    }

    private final Hash hash;
    private final String serverNonce;
    private String gs2Header;
    private String clientFirstBare;
    private String nonce;
    private String serverFirst;
    private byte[] storedKey;
    private byte[] serverKey;

    /** @param serverNonce the server's part of the nonce: printable, no comma; tests pass the RFCs' */
    public SaslScram(Hash hash, String serverNonce) {
        this.hash = hash;
        this.serverNonce = serverNonce;
    }

    /** The mechanism name, which is also the scheme of the credential it needs. */
    public String mechanism() {
        return hash.mechanism();
    }

    /** With 18 random bytes (base64, which has no comma) as the server's nonce. */
    public SaslScram(Hash hash) {
        this(hash, randomNonce());
    }

    private static String randomNonce() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Reads {@code gs2-header client-first-bare}; returns the user (saslname decoded) or null.
     * {@code n} and {@code y} (the client could bind but thinks we cannot) are accepted, {@code p}
     * is not: there is no channel binding. An authzid other than the user is refused, as Dovecot
     * does without master users; so is any mandatory extension ({@code m=}).
     */
    public String clientFirst(byte[] message) {
        String s = new String(message, StandardCharsets.UTF_8);
        if (!(s.startsWith("n,") || s.startsWith("y,"))) {
            return null;
        }
        int comma = s.indexOf(',', 2);
        if (comma < 0) {
            return null;
        }
        String authzid = s.substring(2, comma);
        gs2Header = s.substring(0, comma + 1);
        clientFirstBare = s.substring(comma + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=") || attrs[1].length() < 3) {
            return null;
        }
        String user = saslName(attrs[0].substring(2));
        if (user == null || user.isEmpty()) {
            return null;
        }
        if (!authzid.isEmpty() && !(authzid.startsWith("a=") && user.equals(saslName(authzid.substring(2))))) {
            return null;
        }
        nonce = attrs[1].substring(2) + serverNonce;
        return user;
    }

    /** RFC 5802's saslname: {@code =2C} is a comma, {@code =3D} an equals sign, any other {@code =} is an error. */
    private static String saslName(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                return null;
            }
            if (c == '=') {
                String esc = s.startsWith("=2C", i) ? "," : s.startsWith("=3D", i) ? "=" : null;
                if (esc == null) {
                    return null;
                }
                b.append(esc);
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The server-first message for the stored {@code iter,salt,storedkey,serverkey}; null when it is malformed. */
    public byte[] serverFirst(String credential) {
        String[] f = credential.split(",", -1);
        if (f.length != 4 || clientFirstBare == null) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(f[0]);
            Base64.getDecoder().decode(f[1]);
            storedKey = Base64.getDecoder().decode(f[2]);
            serverKey = Base64.getDecoder().decode(f[3]);
            if (iterations < 1) {
                return null;
            }
            serverFirst = "r=" + nonce + ",s=" + f[1] + ",i=" + iterations;
        } catch (IllegalArgumentException e) {
            return null;
        }
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks {@code c=...,r=...,p=proof}; the server-final {@code v=signature} when right, else null. */
    public byte[] clientFinal(byte[] message) {
        if (serverFirst == null) {
            return null;
        }
        String s = new String(message, StandardCharsets.UTF_8);
        int p = s.lastIndexOf(",p=");
        if (p < 0) {
            return null;
        }
        String withoutProof = s.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (attrs.length < 2 || !attrs[0].equals("c=" + binding) || !attrs[1].equals("r=" + nonce)) {
            return null;
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(s.substring(p + 3));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hash.hmac(storedKey, authMessage);
        if (proof.length != clientKey.length) {
            return null;
        }
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= proof[i];
        }
        if (!MessageDigest.isEqual(hash.digest(clientKey), storedKey)) {
            return null;
        }
        return ("v=" + Base64.getEncoder().encodeToString(hash.hmac(serverKey, authMessage)))
                .getBytes(StandardCharsets.UTF_8);
    }
}
