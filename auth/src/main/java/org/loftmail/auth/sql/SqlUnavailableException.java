package org.loftmail.auth.sql;

/**
 * The database could not answer now: no connection within the timeout, the connection broke, the
 * query timed out or failed. Always a temporary failure for the client ({@code NO [UNAVAILABLE]}),
 * never "wrong password". A query that fails every time (a typo in a column name) lands here too,
 * as in Dovecot: the log line says which.
 */
public final class SqlUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
