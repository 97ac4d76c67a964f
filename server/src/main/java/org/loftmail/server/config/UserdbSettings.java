package org.loftmail.server.config;

/** One {@code userdb { driver = … args = … }} section, in configuration order. */
public record UserdbSettings(String driver, String args, Origin origin) {
}
