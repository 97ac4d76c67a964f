/**
 * The authentication SPI protocols call: {@link org.loftmail.core.auth.Authenticator} checks a
 * credential and names the user; SASL mechanisms that only decode a plaintext credential
 * (PLAIN, LOGIN) live here too, as do the challenge-response mechanisms (CRAM-MD5, SCRAM) that
 * check a response against what a {@link org.loftmail.core.auth.CredentialLookup} returns, and
 * {@link org.loftmail.core.auth.Userdb}, which says whether a user exists and with which fields.
 * Drivers (passwd-file, SQL, static, ...) implement them in the auth module.
 */
package org.loftmail.core.auth;
