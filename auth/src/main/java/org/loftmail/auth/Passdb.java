package org.loftmail.auth;

/**
 * A passdb driver (passwd-file, sql, ...): finds a user's stored password and extra fields. It
 * never checks a password itself; {@link AuthChain} does that, and applies the extra fields
 * ({@code nologin}, {@code nopassword}, {@code allow_nets}, {@code user}, ...) the same way for
 * every driver, as Dovecot's auth core does. Thread-safe; may block.
 */
public interface Passdb {
    /** The entry of {@code vars.user()}, the name as the client gave it (after the master-user split). */
    PassdbLookup lookup(LookupVars vars);
}
