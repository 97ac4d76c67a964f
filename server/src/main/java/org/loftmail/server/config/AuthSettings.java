package org.loftmail.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Dovecot's {@code login_trusted_networks} (exempt from the failure penalty),
 * {@code auth_failure_delay} (how long a failed login waits for its answer) and the auth cache
 * ({@code auth_cache_size} in bytes, 0 = off; {@code auth_cache_ttl}, {@code auth_cache_negative_ttl}),
 * the auth sockets for MTAs ({@code service auth { unix_listener PATH { … } }}) and
 * {@code auth_master_user_separator} (empty: master users log in only with SASL's authorization id).
 */
public record AuthSettings(List<String> trustedNetworks, Duration failureDelay, long cacheSize, Duration cacheTtl,
                           Duration cacheNegativeTtl, List<UnixListener> sockets, String masterSeparator) {
    public static final AuthSettings DEFAULTS = new AuthSettings(List.of(), Duration.ofSeconds(2), 0,
            Duration.ofHours(1), Duration.ofHours(1), List.of(), "");

    /** Cache entries the configured size holds: Dovecot counts bytes; an entry here is about 256. */
    public int cacheEntries() {
        return (int) Math.min(Integer.MAX_VALUE, cacheSize / 256);
    }

    public AuthSettings {
        trustedNetworks = List.copyOf(trustedNetworks);
        sockets = List.copyOf(sockets);
    }
}
