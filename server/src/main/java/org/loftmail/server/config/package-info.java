/**
 * {@code loft.conf}: Dovecot 2.3 syntax parsed into a tree of sections, then checked against the
 * settings Loft implements, the Dovecot settings it does not need, and typos (an error with file
 * and line).
 */
package org.loftmail.server.config;
