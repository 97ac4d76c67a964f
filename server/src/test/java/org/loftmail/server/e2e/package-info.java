/**
 * End-to-end tests: real IMAP clients (Angus Mail in this JVM, {@code mbsync} as a child
 * process) against a node started by {@link org.loftmail.server.LoftTestServer} from a real
 * configuration file, over TLS with its self-signed certificate; and a real Postfix doing SMTP
 * AUTH through Loft's auth socket ({@code PostfixSaslTest}, driven by {@code swaks}).
 */
package org.loftmail.server.e2e;
