package org.loftmail.server.config;

/** One {@code key = value} line. {@code value} is unquoted; a {@code <file} value is kept as written. */
public record Setting(String key, String value, Origin origin) {
}
