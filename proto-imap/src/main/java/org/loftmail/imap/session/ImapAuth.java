package org.loftmail.imap.session;

import org.loftmail.core.auth.UserIpLimit;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.LoginPenalty;

/**
 * How IMAP logins are checked and limited.
 *
 * @param passwords LOGIN and AUTHENTICATE PLAIN/LOGIN
 * @param tokens    AUTHENTICATE OAUTHBEARER/XOAUTH2 (an oauth2 passdb); null when none is configured,
 *                  and then those mechanisms are not offered
 * @param credentials AUTHENTICATE CRAM-MD5/SCRAM-SHA-1/SCRAM-SHA-256; null when no passdb can hand out
 *                  stored credentials, and then those mechanisms are not offered
 * @param penalty   slows down logins from addresses that keep failing
 * @param userIp    logged-in connections allowed per user and address
 */
public record ImapAuth(Authenticator passwords, Authenticator tokens, CredentialLookup credentials, LoginPenalty penalty, UserIpLimit userIp) {
}
