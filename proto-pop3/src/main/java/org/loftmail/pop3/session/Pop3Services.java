package org.loftmail.pop3.session;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.auth.UserIpLimit;
import org.loftmail.core.store.MailStore;

/**
 * What every POP3 session of a node shares.
 *
 * @param passwords   USER/PASS and AUTH PLAIN/LOGIN
 * @param tokens      AUTH OAUTHBEARER/XOAUTH2 (an oauth2 passdb); null when none is configured,
 *                    and then those mechanisms are not offered
 * @param credentials AUTH CRAM-MD5/SCRAM-SHA-1/SCRAM-SHA-256; null when no passdb can hand out
 *                    stored credentials, and then those mechanisms are not offered
 * @param mechanisms  Dovecot's {@code auth_mechanisms}, lower case ({@code plain login cram-md5 ...}):
 *                    what AUTH and CAPA offer, in this order, as far as the above allow
 * @param penalty     slows down logins from addresses that keep failing
 * @param userIp      logged-in POP3 connections allowed per user and address ({@code mail_max_userip_connections})
 * @param workers     runs session work (storage, auth); never a Netty event loop
 * @param tls         for STLS and POP3S; null when the node has no certificate
 */
public record Pop3Services(MailStore store, Authenticator passwords, Authenticator tokens, CredentialLookup credentials,
                           List<String> mechanisms, LoginPenalty penalty, UserIpLimit userIp, ExecutorService workers,
                           SslContext tls) {
    public Pop3Services {
        mechanisms = List.copyOf(mechanisms);
    }
}
