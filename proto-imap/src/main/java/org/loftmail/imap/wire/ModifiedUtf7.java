package org.loftmail.imap.wire;

/**
 * RFC 3501 section 5.1.3 modified UTF-7, the mailbox-name encoding of IMAP4rev1 clients that
 * have not enabled UTF-8.
 *
 * <p>Decoding is strict: there is exactly one encoding of every name, so two different wire
 * names can never open the same mailbox, and a name that round-trips through us is the name the
 * client sent. Anything else (raw 8-bit or control octets, unterminated or empty shifts, null
 * shifts {@code -&}, base64 outside the modified alphabet, leftover or non-zero padding bits,
 * printable ASCII hidden in base64, unpaired surrogates) is rejected, as Dovecot does.
 */
public final class ModifiedUtf7 {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private ModifiedUtf7() {
    }

    /** True if {@code c} stands for itself in modified UTF-7. */
    static boolean isDirect(char c) {
        return c >= 0x20 && c <= 0x7e;
    }

    /**
     * Encodes a Unicode name.
     *
     * @throws IllegalArgumentException if {@code name} holds an unpaired surrogate, which has
     *                                  no UTF-16 encoding a client could decode
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (isDirect(c)) {
                out.append(c);
                if (c == '&') {
                    out.append('-');
                }
                i++;
            } else {
                int end = i;
                while (end < name.length() && !isDirect(name.charAt(end))) {
                    end++;
                }
                encodeRun(name, i, end, out);
                i = end;
            }
        }
        return out.toString();
    }

    private static void encodeRun(String s, int from, int to, StringBuilder out) {
        out.append('&');
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    ? i + 1 >= to || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == from || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            }
            buffer = (buffer << 16) | c;
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET[(buffer >>> bits) & 63]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (6 - bits)) & 63]);
        }
        out.append('-');
    }

    /** Decodes a wire name, rejecting every non-canonical form. */
    public static String decode(CharSequence wire) {
        StringBuilder out = new StringBuilder(wire.length());
        boolean afterShift = false;
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (!isDirect(c)) {
                throw new InvalidUtf7Exception(String.format("character U+%04X must be base64-encoded", (int) c), i);
            }
            if (c != '&') {
                out.append(c);
                afterShift = false;
                i++;
                continue;
            }
            if (i + 1 < wire.length() && wire.charAt(i + 1) == '-') {
                out.append('&');
                afterShift = false;
                i += 2;
                continue;
            }
            if (afterShift) {
                throw new InvalidUtf7Exception("null shift: adjacent base64 runs must be one run", i);
            }
            int end = i + 1;
            while (end < wire.length() && wire.charAt(end) != '-') {
                end++;
            }
            if (end == wire.length()) {
                throw new InvalidUtf7Exception("'&' shift is not terminated by '-'", i);
            }
            decodeRun(wire, i + 1, end, out);
            afterShift = true;
            i = end + 1;
        }
        return out.toString();
    }

    private static void decodeRun(CharSequence s, int from, int to, StringBuilder out) {
        int buffer = 0;
        int bits = 0;
        char high = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw new InvalidUtf7Exception("'" + c + "' is not a modified base64 character", i);
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits < 16) {
                continue;
            }
            bits -= 16;
            char unit = (char) (buffer >>> bits);
            buffer &= (1 << bits) - 1;
            if (high != 0) {
                if (!Character.isLowSurrogate(unit)) {
                    throw new InvalidUtf7Exception("high surrogate not followed by a low surrogate", i);
                }
                out.append(high).append(unit);
                high = 0;
            } else if (Character.isHighSurrogate(unit)) {
                high = unit;
            } else if (Character.isLowSurrogate(unit)) {
                throw new InvalidUtf7Exception("low surrogate without a high surrogate", i);
            } else if (isDirect(unit)) {
                throw new InvalidUtf7Exception("base64 encodes printable ASCII '" + unit + "'", i);
            } else {
                out.append(unit);
            }
        }
        if (high != 0) {
            throw new InvalidUtf7Exception("base64 run ends inside a surrogate pair", to);
        }
        if (bits >= 6) {
            throw new InvalidUtf7Exception("base64 run ends with a partial UTF-16 unit", to);
        }
        if (buffer != 0) {
            throw new InvalidUtf7Exception("base64 run has non-zero padding bits", to);
        }
    }
}
