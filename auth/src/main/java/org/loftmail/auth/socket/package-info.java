/**
 * Dovecot's auth-client protocol on a UNIX socket, so that Postfix ({@code smtpd_sasl_type =
 * dovecot}) and Exim (the {@code dovecot} authenticator) can check SMTP AUTH passwords against
 * Loft: {@link org.loftmail.auth.socket.AuthSocketServer} listens, one
 * {@code AuthClientConnection} per client speaks the protocol, {@code AuthClientCommand} parses
 * its lines and {@code SaslExchange} runs the PLAIN and LOGIN mechanisms. Passwords are checked
 * through the core {@link org.loftmail.core.auth.Authenticator}.
 */
package org.loftmail.auth.socket;
