/**
 * Authentication: password schemes and the passdb drivers. {@link org.loftmail.auth.PasswordScheme}
 * names Dovecot's schemes, {@link org.loftmail.auth.PasswordFormat} adds the {@code .b64}/{@code .hex}
 * encoding, {@link org.loftmail.auth.StoredPassword} reads a stored {@code {SCHEME}hash} once and
 * checks passwords against it; the package-private {@code *Hash} classes are the algorithms.
 * This release has the passwd-file driver; SQL and static arrive with the auth release.
 */
package org.loftmail.auth;
