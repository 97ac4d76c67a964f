package org.loftmail.server.config;

import java.nio.file.Path;

/**
 * Dovecot's {@code ssl}, {@code ssl_cert}, {@code ssl_key}, {@code ssl_min_protocol} and
 * {@code disable_plaintext_auth}. {@code cert}/{@code key} are null when not configured.
 */
public record TlsSettings(Mode mode, Path cert, Path key, String minProtocol, boolean disablePlaintextAuth) {
    /** {@code ssl = no | yes | required}. */
    public enum Mode { NO, YES, REQUIRED }
}
