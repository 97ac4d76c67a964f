package org.loftmail.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.loftmail.core.auth.SaslBearer;
import org.loftmail.core.auth.SaslPlaintext;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.wire.ResponseCode;

/**
 * AUTHENTICATE (RFC 3501, RFC 4959 SASL-IR): PLAIN and LOGIN carry a password, OAUTHBEARER
 * (RFC 7628) and XOAUTH2 a bearer token; each exchange ends in one credential check.
 */
final class AuthenticateCommand {
    /** Checks a credential and finishes the login (LoginCommands). */
    interface CredentialCheck {
        void login(ImapSession s, String tag, String user, String secret, boolean token);
    }

    private final CredentialCheck check;

    AuthenticateCommand(CredentialCheck check) {
        this.check = check;
    }

    void authenticate(ImapSession s, ImapCommand.Authenticate a) {
        String mech = a.mechanism().toUpperCase(Locale.ROOT);
        boolean token = mech.equals("OAUTHBEARER") || mech.equals("XOAUTH2");
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
            } else if (!cred.authzid().isEmpty() && !cred.authzid().equals(cred.user())) {
                // Proxy authorization needs master users: refuse, as Dovecot does without a
                // master passdb.
                LoginCommands.failed(s, tag, cred.user(), "authorization id differs", false);
            } else {
                check.login(s, tag, cred.user(), cred.password(), false);
            }
            return;
        }
        SaslBearer.Credential cred = mech.equals("OAUTHBEARER") ? SaslBearer.decodeOAuthBearer(message)
                : SaslBearer.decodeXOAuth2(message);
        if (cred == null) {
            s.bad(tag, "Malformed " + mech + " message.");
        } else {
            check.login(s, tag, cred.user(), cred.token(), true);
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
                check.login(self, tag, new String(user, StandardCharsets.UTF_8),
                        new String(password, StandardCharsets.UTF_8), false);
            }
        });
    }

    /** Decodes one SASL response line; null (answered) when the client aborted or sent junk. */
    private static byte[] response(ImapSession s, String tag, String line) {
        if (line.equals("*")) {
            s.bad(tag, "Authentication aborted by client.");
            return null;
        }
        if (line.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            s.bad(tag, "Invalid base64 data in continued response.");
            return null;
        }
    }
}
