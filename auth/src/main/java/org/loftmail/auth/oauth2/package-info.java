/**
 * The oauth2 passdb for OAUTHBEARER and XOAUTH2, with Dovecot's {@code introspection_mode = local}:
 * JWT access tokens are checked against keys in a local directory, without asking the OAuth2
 * server. {@link org.loftmail.auth.oauth2.OAuth2Settings} reads Dovecot's
 * {@code dovecot-oauth2.conf.ext}, {@link org.loftmail.auth.oauth2.JwtValidator} checks a token
 * (with its own strict JSON reader and the JDK's JCA, nothing else), and
 * {@link org.loftmail.auth.oauth2.OAuth2Authenticator} is the passdb.
 */
package org.loftmail.auth.oauth2;
