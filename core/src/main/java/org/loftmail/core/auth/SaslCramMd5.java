package org.loftmail.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server side of CRAM-MD5 (RFC 2195): one challenge {@code <random.timestamp@hostname>},
 * one response {@code user SP hex(HMAC-MD5(password, challenge))}. The response is checked
 * against the stored HMAC-MD5 context (Dovecot's {@code {CRAM-MD5}}: the MD5 states after the
 * outer and the inner key block), so the plaintext is never needed: finishing the two MD5s from
 * those states gives the HMAC.
 */
public final class SaslCramMd5 {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A decoded response; {@code digest} is the 32 lowercase hex digits the client sent. */
    public record Response(String user, String digest) { }

    private SaslCramMd5() {
    }

    /** A fresh challenge naming this host, as IMAP and POP3 send it. */
    public static byte[] challenge() {
        return challenge(LocalHost.NAME);
    }

    /** A fresh challenge; the random part makes every challenge unique, not only every second's. */
    public static byte[] challenge(String hostname) {
        long random = RANDOM.nextLong() & Long.MAX_VALUE;
        return ("<" + random + "." + System.currentTimeMillis() / 1000 + "@" + hostname + ">")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The response split at its last space; null when there is none or the digest is not 32 hex digits. */
    public static Response decode(byte[] message) {
        String s = new String(message, StandardCharsets.UTF_8);
        int sp = s.lastIndexOf(' ');
        if (sp <= 0) {
            return null;
        }
        String digest = s.substring(sp + 1).toLowerCase(java.util.Locale.ROOT);
        if (digest.length() != 32 || !digest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return new Response(s.substring(0, sp), digest);
    }

    /** True if {@code digest} is the HMAC of {@code challenge} under the password {@code context} (64 hex) was made from. */
    public static boolean verify(String context, byte[] challenge, String digest) {
        byte[] states;
        try {
            states = HexFormat.of().parseHex(context);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (states.length != 32) {
            return false;
        }
        byte[] inner = finish(Md5Block.readState(states, 16), challenge);
        byte[] outer = finish(Md5Block.readState(states, 0), inner);
        return MessageDigest.isEqual(HexFormat.of().parseHex(digest), outer);
    }

    /** The challenge's host part; looked up once, and only when used, since it may ask DNS. */
    private static final class LocalHost {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }

    /** MD5 of one key block (already in {@code state}) followed by {@code data}. */
    private static byte[] finish(int[] state, byte[] data) {
        long bits = (64L + data.length) * 8;
        int padded = (data.length + 8) / 64 * 64 + 64;
        byte[] buf = new byte[padded];
        System.arraycopy(data, 0, buf, 0, data.length);
        buf[data.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            buf[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int[] s = state;
        for (int off = 0; off < padded; off += 64) {
            s = Md5Block.compress(s, buf, off);
        }
        byte[] out = new byte[16];
        Md5Block.writeState(s, out, 0);
        return out;
    }
}
