/**
 * The oauth2 passdb for OAUTHBEARER and XOAUTH2, as Dovecot's: with {@code introspection_mode = local}
 * JWT access tokens are checked against keys in a local directory; with {@code auth}, {@code get},
 * {@code post} and {@code tokeninfo_url} the OAuth2 server is asked over HTTP.
 * {@link org.loftmail.auth.oauth2.OAuth2Settings} reads Dovecot's {@code dovecot-oauth2.conf.ext},
 * {@link org.loftmail.auth.oauth2.JwtValidator} checks a JWT (with its own strict JSON reader and the
 * JDK's JCA, nothing else), {@code HttpIntrospector} asks the server (with the JDK's HTTP client),
 * and {@link org.loftmail.auth.oauth2.OAuth2Authenticator} is the passdb.
 */
package org.loftmail.auth.oauth2;
