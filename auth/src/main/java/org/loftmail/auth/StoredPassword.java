package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A password as a passdb stores it, {@code {SCHEME}hash} or a bare hash in the passdb's default
 * scheme, read once. One that cannot be used (unknown scheme or encoding, malformed hash) never
 * matches and says why in {@link #problem()}, so a passdb can report it when it loads the entry
 * rather than at each failed login. Problems never quote the hash.
 */
public final class StoredPassword {
    private final PasswordFormat format;
    private final byte[] raw;
    private final String problem;

    private StoredPassword(PasswordFormat format, byte[] raw, String problem) {
        this.format = format;
        this.raw = raw;
        this.problem = problem;
    }

    /**
     * Reads {@code stored} the way Dovecot does: a {@code {SCHEME[.ENCODING]}} prefix names the
     * format, otherwise {@code defaultFormat} applies, except that a bare {@code $1$} hash is
     * always MD5-CRYPT (unless the default is PBKDF2, whose hashes start the same way).
     */
    public static StoredPassword parse(String stored, PasswordFormat defaultFormat) {
        PasswordFormat format = defaultFormat;
        String encoded = stored;
        int end = stored.indexOf('}');
        if (stored.startsWith("{") && end > 0) {
            try {
                format = PasswordFormat.parse(stored.substring(1, end));
            } catch (IllegalArgumentException e) {
                return new StoredPassword(null, null, e.getMessage());
            }
            encoded = stored.substring(end + 1);
        } else if (stored.startsWith("$1$") && defaultFormat.scheme() != PasswordScheme.PBKDF2) {
            format = PasswordFormat.of(PasswordScheme.MD5_CRYPT);
        }
        if (encoded.isEmpty()) {
            return new StoredPassword(format, null, "empty password");
        }
        PasswordFormat f = format;
        Optional<byte[]> decoded = f.decode(encoded);
        if (decoded.isEmpty()) {
            boolean guessed = !f.suffixed() && f.scheme().digestLength() != 0;
            return new StoredPassword(f, null, f.name() + " hash is not valid "
                    + (guessed ? "hex or base64" : f.encoding().name().toLowerCase(Locale.ROOT)));
        }
        Optional<String> bad = f.scheme().algorithm().problem(decoded.get());
        return bad.map(p -> new StoredPassword(f, null, f.name() + ": " + p))
                .orElseGet(() -> new StoredPassword(f, decoded.get(), null));
    }

    /** A password that never matches, for a passdb that knows it cannot read what is stored; {@code problem} says why. */
    public static StoredPassword unusable(String problem) {
        return new StoredPassword(null, null, problem);
    }

    /** Like {@link #parse(String, PasswordFormat)} with the default scheme in its default encoding. */
    public static StoredPassword parse(String stored, PasswordScheme defaultScheme) {
        return parse(stored, PasswordFormat.of(defaultScheme));
    }

    /** The format it is stored in; empty when its scheme is unknown. */
    public Optional<PasswordFormat> format() {
        return Optional.ofNullable(format);
    }

    /** Why it can never match, e.g. {@code unknown password scheme FOO}; empty if it is usable. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** True if {@code password} is the one this hash was made from; always false when there is a {@link #problem()}. */
    public boolean matches(String password) {
        return problem == null && format.scheme().algorithm().matches(password.getBytes(StandardCharsets.UTF_8), raw);
    }

    /**
     * This password as a credential in {@code target} (what a challenge-response mechanism
     * needs), written as after a {@code {TARGET}} prefix in the target's default encoding.
     * A plaintext password gives any scheme (SCRAM with a fresh salt each time, as Dovecot does);
     * a hash gives only its own scheme or an alias of it (CRAM-MD5 and HMAC-MD5); anything else
     * cannot, and is empty.
     */
    public Optional<String> credential(PasswordScheme target) {
        if (problem != null) {
            return Optional.empty();
        }
        PasswordFormat to = PasswordFormat.of(target);
        if (format.scheme().algorithm() instanceof PlainHash) {
            String hashed = to.hash(new String(raw, StandardCharsets.UTF_8), 0);
            return Optional.of(hashed.substring(hashed.indexOf('}') + 1));
        }
        boolean same = format.scheme() == target
                || (format.scheme().algorithm() instanceof CramMd5Hash && target.algorithm() instanceof CramMd5Hash);
        return same ? Optional.of(to.encoding().encode(raw)) : Optional.empty();
    }
}
