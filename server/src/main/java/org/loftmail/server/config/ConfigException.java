package org.loftmail.server.config;

/** A configuration error, with the file and line it came from when there is one. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(Origin origin, String message) {
        super(origin + ": " + message);
    }
}
