package org.loftmail.auth.oauth2;

/**
 * An oauth2 passdb configuration file that cannot be used; the message starts with
 * {@code file:line:} when a line is to blame, so the server can report it as it reports its own.
 */
public final class OAuth2ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OAuth2ConfigException(String message) {
        super(message);
    }

    public OAuth2ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
