package org.loftmail.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Dovecot's {@code login_trusted_networks} (exempt from the failure penalty) and
 * {@code auth_failure_delay} (how long a failed login waits for its answer).
 */
public record AuthSettings(List<String> trustedNetworks, Duration failureDelay) {
    public static final AuthSettings DEFAULTS = new AuthSettings(List.of(), Duration.ofSeconds(2));

    public AuthSettings {
        trustedNetworks = List.copyOf(trustedNetworks);
    }
}
