package org.loftmail.server.config;

/**
 * One {@code passdb { driver = … args = … }} section, in configuration order, with Dovecot's
 * {@code master = yes} (checks master users' passwords), {@code pass = yes} (a master login also
 * needs the user in a normal passdb) and {@code deny = yes} (the users it lists may not log in).
 */
public record PassdbSettings(String driver, String args, boolean master, boolean pass, boolean deny, Origin origin) {
    public PassdbSettings(String driver, String args, Origin origin) {
        this(driver, args, false, false, false, origin);
    }
}
