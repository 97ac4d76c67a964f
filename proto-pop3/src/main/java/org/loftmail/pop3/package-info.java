/**
 * POP3 (RFC 1939) with CAPA and response codes (RFC 2449, RFC 3206), SASL (RFC 5034) and STLS
 * (RFC 2595), over the store API of {@code core}. Dovecot's behaviour where the RFCs leave a choice.
 */
package org.loftmail.pop3;
