package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How a scheme's raw hash is written after its {@code {SCHEME}} prefix: as is (crypt strings,
 * plaintext), base64 or hex. Dovecot lets any scheme override its default with a {@code .b64},
 * {@code .base64} or {@code .hex} suffix, e.g. {@code {SSHA512.HEX}} or {@code {PLAIN.B64}}.
 */
public enum PasswordEncoding {
    NONE(""),
    BASE64("B64"),
    HEX("HEX");

    private final String suffix;

    PasswordEncoding(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix doveadm prints for it, without the dot; empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The encoding a {@code .suffix} names, case-insensitively. */
    static Optional<PasswordEncoding> bySuffix(String suffix) {
        String s = suffix.toUpperCase(Locale.ROOT);
        if (s.equals("B64") || s.equals("BASE64")) {
            return Optional.of(BASE64);
        }
        return s.equals("HEX") ? Optional.of(HEX) : Optional.empty();
    }

    String encode(byte[] raw) {
        switch (this) {
            case BASE64:
                return Base64.getEncoder().encodeToString(raw);
            case HEX:
                return HexFormat.of().formatHex(raw);
            default:
                // Schemes encoded as NONE produce printable ASCII (crypt strings) or the plaintext itself.
                return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** The raw bytes, or empty when {@code text} is not valid in this encoding. */
    Optional<byte[]> decode(String text) {
        try {
            switch (this) {
                case BASE64:
                    return Optional.of(Base64.getDecoder().decode(text));
                case HEX:
                    return Optional.of(HexFormat.of().parseHex(text));
                default:
                    return Optional.of(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Dovecot's guess for a scheme whose digest has a fixed {@code length} and no suffix was
     * given: exactly twice that many characters is hex (unless it does not parse), anything else
     * base64.
     */
    static Optional<byte[]> decodeGuessing(String text, int length) {
        if (text.length() == 2 * length) {
            Optional<byte[]> hex = HEX.decode(text);
            if (hex.isPresent()) {
                return hex;
            }
        }
        return BASE64.decode(text);
    }
}
