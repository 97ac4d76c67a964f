package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;

/**
 * Dovecot's auth cache: a busy server answers repeated logins without asking the database.
 * Successes are kept for {@code ttlMillis}, failures (wrong password, unknown user) for
 * {@code negativeTtlMillis}; a temporary failure is never kept. Keys hold a salted digest of the
 * password, never the password. Least recently used entries go first when the cache is full.
 */
public final class CachingAuthenticator implements Authenticator {
    private final Authenticator backend;
    private final int maxEntries;
    private final long ttlMillis;
    private final long negativeTtlMillis;
    private final LongSupplier clock;
    private final byte[] salt = new byte[16];
    private final Map<String, Cached> entries;

    private record Cached(AuthResult result, long expires) {
    }

    public CachingAuthenticator(Authenticator backend, int maxEntries, long ttlMillis, long negativeTtlMillis,
                                LongSupplier clock) {
        this.backend = backend;
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
        this.negativeTtlMillis = negativeTtlMillis;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > CachingAuthenticator.this.maxEntries;
            }
        };
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        String key = key(request);
        long now = clock.getAsLong();
        synchronized (entries) {
            Cached c = entries.get(key);
            if (c != null && c.expires() > now) {
                return c.result();
            }
        }
        AuthResult r = backend.authenticate(request);
        long ttl = r instanceof AuthResult.Success ? ttlMillis : r instanceof AuthResult.Failure ? negativeTtlMillis : 0;
        if (ttl > 0) {
            synchronized (entries) {
                entries.put(key, new Cached(r, now + ttl));
            }
        }
        return r;
    }

    /** Forgets everything (after a password change an admin wants to take effect at once). */
    public void flush() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private String key(AuthRequest r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(r.password().getBytes(StandardCharsets.UTF_8));
            return r.service() + '\t' + r.user() + '\t' + r.loginAs() + '\t' + Base64.getEncoder().encodeToString(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
