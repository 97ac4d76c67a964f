package org.loftmail.server.config;

/** One {@code passdb { driver = … args = … }} section, in configuration order. */
public record PassdbSettings(String driver, String args, Origin origin) {
}
