package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A scheme with the encoding its hashes are written in: {@code SSHA512} (its default, base64)
 * or {@code SSHA512.HEX} when an encoding suffix overrides it. {@code suffixed} formats always
 * decode as their encoding says; unsuffixed ones with a fixed digest length take hex or base64
 * by the length, as Dovecot does.
 */
public record PasswordFormat(PasswordScheme scheme, PasswordEncoding encoding, boolean suffixed) {
    public PasswordFormat {
        if (!suffixed && encoding != scheme.defaultEncoding()) {
            throw new IllegalArgumentException(scheme.dovecotName() + " defaults to " + scheme.defaultEncoding()
                    + ", not " + encoding);
        }
        if (suffixed && encoding == PasswordEncoding.NONE) {
            throw new IllegalArgumentException("there is no suffix for encoding NONE");
        }
    }

    /** The scheme in its default encoding. */
    public static PasswordFormat of(PasswordScheme scheme) {
        return new PasswordFormat(scheme, scheme.defaultEncoding(), false);
    }

    /**
     * The format a {@code {...}} prefix or a {@code -s}/{@code scheme=} value names, e.g.
     * {@code sha512-crypt} or {@code SSHA512.hex}; an {@link IllegalArgumentException} says what
     * is unknown.
     */
    public static PasswordFormat parse(String name) {
        int dot = name.indexOf('.');
        String schemeName = dot < 0 ? name : name.substring(0, dot);
        PasswordScheme scheme = PasswordScheme.byName(schemeName).orElseThrow(() -> new IllegalArgumentException(
                schemeName.isEmpty() ? "empty password scheme name" : "unknown password scheme " + schemeName));
        if (dot < 0) {
            return of(scheme);
        }
        String suffix = name.substring(dot + 1);
        PasswordEncoding encoding = PasswordEncoding.bySuffix(suffix).orElseThrow(() -> new IllegalArgumentException(
                "unknown encoding ." + suffix + " in password scheme " + name + " (.b64, .base64 or .hex)"));
        return new PasswordFormat(scheme, encoding, true);
    }

    /** How the prefix names it, e.g. {@code SSHA512.HEX}. */
    public String name() {
        return suffixed ? scheme.dovecotName() + "." + encoding.suffix() : scheme.dovecotName();
    }

    @Override
    public String toString() {
        return name();
    }

    /** Why {@code rounds} cannot be used with this scheme ({@code doveadm pw -r}), or empty if it can. */
    public Optional<String> roundsProblem(int rounds) {
        return scheme.algorithm().roundsProblem(rounds).map(p -> scheme.dovecotName() + " " + p);
    }

    /**
     * A new {@code {NAME}hash} of {@code password} with a random salt; {@code rounds} 0 means
     * the scheme's default cost.
     */
    public String hash(String password, int rounds) {
        if (rounds != 0) {
            roundsProblem(rounds).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        byte[] raw = scheme.algorithm().generate(password.getBytes(StandardCharsets.UTF_8), rounds);
        return "{" + name() + "}" + encoding.encode(raw);
    }

    /** The raw hash {@code text} holds in this format, or empty if it is not valid in its encoding. */
    Optional<byte[]> decode(String text) {
        if (!suffixed && encoding != PasswordEncoding.NONE && scheme.digestLength() != 0) {
            return PasswordEncoding.decodeGuessing(text, scheme.digestLength());
        }
        return encoding.decode(text);
    }
}
