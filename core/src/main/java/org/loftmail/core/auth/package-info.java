/**
 * The authentication SPI protocols call: {@link org.loftmail.core.auth.Authenticator} checks a
 * credential and names the user; SASL mechanisms that only decode a plaintext credential
 * (PLAIN, LOGIN) live here too, as do the challenge-response mechanisms (CRAM-MD5, SCRAM) that
 * check a response against what a {@link org.loftmail.core.auth.CredentialLookup} returns. Drivers (passwd-file, SQL, ...) implement it in the auth module.
 */
package org.loftmail.core.auth;
