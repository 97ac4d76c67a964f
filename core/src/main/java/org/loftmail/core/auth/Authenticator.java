package org.loftmail.core.auth;

/**
 * Checks plaintext credentials. Implementations are thread-safe and may block (file or database
 * I/O): protocols call them off their event loops.
 */
public interface Authenticator {
    /** Never throws for a wrong password or an unknown user; a backend that is down is {@link AuthResult.Unavailable}. */
    AuthResult authenticate(AuthRequest request);
}
