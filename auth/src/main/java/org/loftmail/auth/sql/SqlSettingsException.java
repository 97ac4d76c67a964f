package org.loftmail.auth.sql;

/** A dovecot-sql.conf.ext file Loft cannot use; the message starts with {@code file:line:} when a line is to blame. */
public final class SqlSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlSettingsException(String message) {
        super(message);
    }

    public SqlSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
