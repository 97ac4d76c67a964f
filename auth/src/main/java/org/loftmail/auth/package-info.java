/**
 * Authentication: password schemes and the passdb drivers. This release has the passwd-file
 * driver with the PLAIN and SHA512-CRYPT schemes; the full set arrives with the auth release.
 */
package org.loftmail.auth;
