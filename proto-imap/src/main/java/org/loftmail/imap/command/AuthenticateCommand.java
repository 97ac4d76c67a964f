package org.loftmail.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.SaslBearer;
import org.loftmail.core.auth.SaslCramMd5;
import org.loftmail.core.auth.SaslPlaintext;
import org.loftmail.core.auth.SaslResponse;
import org.loftmail.core.auth.SaslScram;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.wire.ResponseCode;

/**
 * AUTHENTICATE (RFC 3501, RFC 4959 SASL-IR): PLAIN and LOGIN carry a password, OAUTHBEARER
 * (RFC 7628) and XOAUTH2 a bearer token; each exchange ends in one credential check.
 * CRAM-MD5 (RFC 2195) and SCRAM-SHA-1/-256 (RFC 5802, RFC 7677) check the client's responses
 * against a stored credential ({@link CredentialLookup}) and end in the same login path.
 */
final class AuthenticateCommand {
    /** Checks a credential and finishes the login (LoginCommands). */
    interface CredentialCheck {
        void login(ImapSession s, String tag, String user, String loginAs, String secret, boolean token);

        /** Finishes a login a challenge-response mechanism decided: success, or the usual failures. */
        void finish(ImapSession s, String tag, String user, AuthResult result);
    }

    private final CredentialCheck check;

    AuthenticateCommand(CredentialCheck check) {
        this.check = check;
    }

    void authenticate(ImapSession s, ImapCommand.Authenticate a) {
        String mech = a.mechanism().toUpperCase(Locale.ROOT);
        boolean token = mech.equals("OAUTHBEARER") || mech.equals("XOAUTH2");
        boolean challenge = mech.equals("CRAM-MD5") || mech.equals("SCRAM-SHA-1") || mech.equals("SCRAM-SHA-256");
        if (challenge && s.services().auth().credentials() != null) {
            // Nothing here is plaintext, so LOGINDISABLED does not apply. A failing address
            // waits before the exchange starts, as it does before a password is checked.
            long wait = s.services().auth().penalty().delayMillis(s.remoteAddress());
            Runnable start = () -> startChallenge(s, a.tag(), mech, a.initialResponse());
            if (wait > 0) {
                s.after(wait, start);
            } else {
                start.run();
            }
            return;
        }
        if (!mech.equals("PLAIN") && !mech.equals("LOGIN") && !(token && s.services().auth().tokens() != null)) {
            s.no(a.tag(), null, "Unsupported authentication mechanism.");
            return;
        }
        if (s.loginDisabled()) {
            s.no(a.tag(), ResponseCode.Simple.PRIVACYREQUIRED,
                    "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
            return;
        }
        if (mech.equals("LOGIN")) {
            if (a.initialResponse() == null) {
                s.writer().continuationBase64(SaslPlaintext.LOGIN_USER_CHALLENGE);
                s.readLine((self, line) -> loginUser(self, a.tag(), line));
            } else {
                loginUser(s, a.tag(), a.initialResponse());
            }
        } else if (a.initialResponse() == null) {
            s.writer().continuationBase64(new byte[0]);
            s.readLine((self, line) -> oneStep(self, a.tag(), mech, line));
        } else {
            oneStep(s, a.tag(), mech, a.initialResponse());
        }
    }

    /** PLAIN, OAUTHBEARER and XOAUTH2 send everything in one client response. */
    private void oneStep(ImapSession s, String tag, String mech, String line) {
        byte[] message = response(s, tag, line);
        if (message == null) {
            return;
        }
        if (mech.equals("PLAIN")) {
            SaslPlaintext.Credential cred = SaslPlaintext.decodePlain(message);
            if (cred == null) {
                s.bad(tag, "Invalid base64 data or malformed PLAIN message.");
            } else {
                // An authorization id that differs is a master login: the passdbs decide (refused
                // without a master passdb, as in Dovecot).
                check.login(s, tag, cred.user(), cred.authzid(), cred.password(), false);
            }
            return;
        }
        SaslBearer.Credential cred = mech.equals("OAUTHBEARER") ? SaslBearer.decodeOAuthBearer(message)
                : SaslBearer.decodeXOAuth2(message);
        if (cred == null) {
            s.bad(tag, "Malformed " + mech + " message.");
        } else {
            check.login(s, tag, cred.user(), "", cred.token(), true);
        }
    }

    private void loginUser(ImapSession s, String tag, String line) {
        byte[] user = response(s, tag, line);
        if (user == null) {
            return;
        }
        s.writer().continuationBase64(SaslPlaintext.LOGIN_PASSWORD_CHALLENGE);
        s.readLine((self, l2) -> {
            byte[] password = response(self, tag, l2);
            if (password != null) {
                check.login(self, tag, new String(user, StandardCharsets.UTF_8), "",
                        new String(password, StandardCharsets.UTF_8), false);
            }
        });
    }

    /** Decodes one SASL response line; null (answered) when the client aborted or sent junk. */
    private static byte[] response(ImapSession s, String tag, String line) {
        SaslResponse r = SaslResponse.decode(line);
        if (r instanceof SaslResponse.Data d) {
            return d.bytes();
        }
        s.bad(tag, r instanceof SaslResponse.Aborted ? "Authentication aborted by client."
                : "Invalid base64 data in continued response.");
        return null;
    }

    private void startChallenge(ImapSession s, String tag, String mech, String initialResponse) {
        if (mech.equals("CRAM-MD5")) {
            if (initialResponse != null) {
                // RFC 2195: the server speaks first, there is no initial response.
                s.bad(tag, "CRAM-MD5 does not take an initial response.");
                return;
            }
            byte[] challenge = SaslCramMd5.challenge();
            s.writer().continuationBase64(challenge);
            s.readLine((self, line) -> cramMd5(self, tag, challenge, line));
            return;
        }
        SaslScram scram = new SaslScram(mech.equals("SCRAM-SHA-1") ? SaslScram.Hash.SHA_1 : SaslScram.Hash.SHA_256);
        if (initialResponse == null) {
            s.writer().continuationBase64(new byte[0]);
            s.readLine((self, line) -> scramFirst(self, tag, scram, line));
        } else {
            scramFirst(s, tag, scram, initialResponse);
        }
    }

    private void cramMd5(ImapSession s, String tag, byte[] challenge, String line) {
        byte[] message = response(s, tag, line);
        if (message == null) {
            return;
        }
        SaslCramMd5.Response r = SaslCramMd5.decode(message);
        if (r == null) {
            LoginCommands.failed(s, tag, "", "malformed CRAM-MD5 response", false);
            return;
        }
        CredentialResult found = lookup(s, tag, r.user(), CredentialLookup.CRAM_MD5);
        if (found == null) {
            return;
        }
        CredentialResult.Found f = (CredentialResult.Found) found;
        if (SaslCramMd5.verify(f.credential(), challenge, r.digest())) {
            check.finish(s, tag, r.user(), new AuthResult.Success(f.user()));
        } else {
            LoginCommands.failed(s, tag, r.user(), "password mismatch", false);
        }
    }

    private void scramFirst(ImapSession s, String tag, SaslScram scram, String line) {
        byte[] message = response(s, tag, line);
        if (message == null) {
            return;
        }
        String user = scram.clientFirst(message);
        if (user == null) {
            LoginCommands.failed(s, tag, "", "malformed or unsupported SCRAM client-first message", false);
            return;
        }
        CredentialResult found = lookup(s, tag, user, scram.mechanism());
        if (found == null) {
            return;
        }
        byte[] serverFirst = scram.serverFirst(((CredentialResult.Found) found).credential());
        if (serverFirst == null) {
            LoginCommands.failed(s, tag, user, "stored SCRAM credential is malformed", false);
            return;
        }
        s.writer().continuationBase64(serverFirst);
        s.readLine((self, l2) -> {
            byte[] clientFinal = response(self, tag, l2);
            if (clientFinal == null) {
                return;
            }
            byte[] serverFinal = scram.clientFinal(clientFinal);
            if (serverFinal == null) {
                LoginCommands.failed(self, tag, user, "password mismatch", false);
                return;
            }
            // IMAP has no success-with-data: the server-final goes in a continuation the client
            // answers with an empty line (RFC 3501 section 6.2.2).
            self.writer().continuationBase64(serverFinal);
            self.readLine((me, l3) -> {
                if (response(me, tag, l3) != null) {
                    check.finish(me, tag, user, new AuthResult.Success(((CredentialResult.Found) found).user()));
                }
            });
        });
    }

    /** The credential, or null when the exchange has been answered (unknown user, unusable hash, passdb down). */
    private static CredentialResult lookup(ImapSession s, String tag, String user, String scheme) {
        CredentialResult r = s.services().auth().credentials().lookup(user, scheme);
        if (r instanceof CredentialResult.Found) {
            return r;
        }
        if (r instanceof CredentialResult.Unavailable) {
            s.no(tag, ResponseCode.Simple.UNAVAILABLE, "Temporary authentication failure.");
        } else {
            LoginCommands.failed(s, tag, user, ((CredentialResult.Failure) r).reason(), false);
        }
        return null;
    }
}
