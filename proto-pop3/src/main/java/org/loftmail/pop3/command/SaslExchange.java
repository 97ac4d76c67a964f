package org.loftmail.pop3.command;

import java.nio.charset.StandardCharsets;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.SaslBearer;
import org.loftmail.core.auth.SaslCramMd5;
import org.loftmail.core.auth.SaslPlaintext;
import org.loftmail.core.auth.SaslResponse;
import org.loftmail.core.auth.SaslScram;
import org.loftmail.pop3.parse.Pop3Command;
import org.loftmail.pop3.session.Pop3Session;
import org.loftmail.pop3.session.SaslMechanism;
import org.loftmail.pop3.wire.ResponseCode;

/**
 * AUTH (RFC 5034) over core's SASL pieces: PLAIN and LOGIN carry a password, OAUTHBEARER
 * (RFC 7628) and XOAUTH2 a bearer token, CRAM-MD5 (RFC 2195) and SCRAM-SHA-1/-256 (RFC 5802,
 * RFC 7677) are checked against a stored credential. Challenges are {@code + base64}; the client
 * answers with a base64 line, {@code =} for empty, or {@code *} to abort. POP3 has no
 * success-with-data, so SCRAM's server-final goes in one more challenge the client answers with
 * an empty line (RFC 5034 section 4).
 */
final class SaslExchange {
    private final AuthorizationCommands logins;

    SaslExchange(AuthorizationCommands logins) {
        this.logins = logins;
    }

    void start(Pop3Session s, Pop3Command.Auth a) {
        if (a.mechanism() == null) {
            // The pre-RFC mechanism listing some clients (Outlook) still use, as Dovecot answers it.
            s.writer().ok("");
            for (SaslMechanism m : s.mechanisms()) {
                s.writer().line(m.wire());
            }
            s.writer().end();
            s.good();
            return;
        }
        SaslMechanism mech = SaslMechanism.byName(a.mechanism());
        if (mech != null && mech.plaintext() && s.loginDisabled()) {
            s.err(ResponseCode.AUTH, AuthorizationCommands.PLAINTEXT_DISABLED);
            return;
        }
        if (mech == null || !s.mechanisms().contains(mech)) {
            s.bad("Unsupported authentication mechanism.");
            return;
        }
        String ir = a.initialResponse();
        switch (mech) {
            case CRAM_MD5:
            case SCRAM_SHA_1:
            case SCRAM_SHA_256:
                // A failing address waits before the exchange starts, as before a password check.
                long wait = s.services().penalty().delayMillis(s.remoteAddress());
                if (wait > 0) {
                    s.after(wait, () -> startChallenge(s, mech, ir));
                } else {
                    startChallenge(s, mech, ir);
                }
                break;
            case LOGIN:
                if (ir == null) {
                    s.writer().continuation(SaslPlaintext.LOGIN_USER_CHALLENGE);
                    s.readLine((self, line) -> loginUser(self, line));
                } else {
                    loginUser(s, ir);
                }
                break;
            default:
                if (ir == null) {
                    s.writer().continuation(new byte[0]);
                    s.readLine((self, line) -> oneStep(self, mech, line));
                } else {
                    oneStep(s, mech, ir);
                }
        }
    }

    /** PLAIN, OAUTHBEARER and XOAUTH2 send everything in one client response. */
    private void oneStep(Pop3Session s, SaslMechanism mech, String line) {
        byte[] message = response(s, line);
        if (message == null) {
            return;
        }
        if (mech == SaslMechanism.PLAIN) {
            SaslPlaintext.Credential cred = SaslPlaintext.decodePlain(message);
            if (cred == null) {
                AuthorizationCommands.failed(s, "", "malformed PLAIN message", mech);
            } else {
                // An authorization id that differs is a master login: the passdbs decide.
                logins.login(s, cred.user(), cred.authzid(), cred.password(), mech);
            }
            return;
        }
        SaslBearer.Credential cred = mech == SaslMechanism.OAUTHBEARER ? SaslBearer.decodeOAuthBearer(message)
                : SaslBearer.decodeXOAuth2(message);
        if (cred == null) {
            AuthorizationCommands.failed(s, "", "malformed " + mech.wire() + " message", mech);
        } else {
            logins.login(s, cred.user(), "", cred.token(), mech);
        }
    }

    /** RFC 7628 section 3.2.2: an error challenge, the client's dummy response, then the failure. */
    void tokenFailed(Pop3Session s, String user, String reason, SaslMechanism mech) {
        s.writer().continuation(SaslBearer.ERROR_CHALLENGE);
        s.readLine((self, line) -> AuthorizationCommands.failed(self, user, reason, mech));
    }

    private void loginUser(Pop3Session s, String line) {
        byte[] user = response(s, line);
        if (user == null) {
            return;
        }
        s.writer().continuation(SaslPlaintext.LOGIN_PASSWORD_CHALLENGE);
        s.readLine((self, l2) -> {
            byte[] password = response(self, l2);
            if (password != null) {
                logins.login(self, new String(user, StandardCharsets.UTF_8), "",
                        new String(password, StandardCharsets.UTF_8), SaslMechanism.LOGIN);
            }
        });
    }

    /** Decodes one SASL response; null (answered) when the client aborted or sent junk. */
    private static byte[] response(Pop3Session s, String line) {
        SaslResponse r = SaslResponse.decode(line);
        if (r instanceof SaslResponse.Data d) {
            return d.bytes();
        }
        if (r instanceof SaslResponse.Aborted) {
            s.err(null, "Authentication aborted by client.");
        } else {
            s.bad("Invalid base64 data in continued response.");
        }
        return null;
    }

    private void startChallenge(Pop3Session s, SaslMechanism mech, String initialResponse) {
        if (mech == SaslMechanism.CRAM_MD5) {
            if (initialResponse != null) {
                // RFC 2195: the server speaks first, there is no initial response.
                s.bad("CRAM-MD5 does not take an initial response.");
                return;
            }
            byte[] challenge = SaslCramMd5.challenge();
            s.writer().continuation(challenge);
            s.readLine((self, line) -> cramMd5(self, challenge, line));
            return;
        }
        SaslScram scram = new SaslScram(mech == SaslMechanism.SCRAM_SHA_1 ? SaslScram.Hash.SHA_1
                : SaslScram.Hash.SHA_256);
        if (initialResponse == null) {
            s.writer().continuation(new byte[0]);
            s.readLine((self, line) -> scramFirst(self, mech, scram, line));
        } else {
            scramFirst(s, mech, scram, initialResponse);
        }
    }

    private void cramMd5(Pop3Session s, byte[] challenge, String line) {
        byte[] message = response(s, line);
        if (message == null) {
            return;
        }
        SaslCramMd5.Response r = SaslCramMd5.decode(message);
        if (r == null) {
            AuthorizationCommands.failed(s, "", "malformed CRAM-MD5 response", SaslMechanism.CRAM_MD5);
            return;
        }
        CredentialResult.Found f = lookup(s, r.user(), CredentialLookup.CRAM_MD5, SaslMechanism.CRAM_MD5);
        if (f == null) {
            return;
        }
        if (SaslCramMd5.verify(f.credential(), challenge, r.digest())) {
            logins.finish(s, r.user(), new AuthResult.Success(f.user()), SaslMechanism.CRAM_MD5);
        } else {
            AuthorizationCommands.failed(s, r.user(), "password mismatch", SaslMechanism.CRAM_MD5);
        }
    }

    private void scramFirst(Pop3Session s, SaslMechanism mech, SaslScram scram, String line) {
        byte[] message = response(s, line);
        if (message == null) {
            return;
        }
        String user = scram.clientFirst(message);
        if (user == null) {
            AuthorizationCommands.failed(s, "", "malformed or unsupported SCRAM client-first message", mech);
            return;
        }
        CredentialResult.Found found = lookup(s, user, scram.mechanism(), mech);
        if (found == null) {
            return;
        }
        byte[] serverFirst = scram.serverFirst(found.credential());
        if (serverFirst == null) {
            AuthorizationCommands.failed(s, user, "stored SCRAM credential is malformed", mech);
            return;
        }
        s.writer().continuation(serverFirst);
        s.readLine((self, l2) -> {
            byte[] clientFinal = response(self, l2);
            if (clientFinal == null) {
                return;
            }
            byte[] serverFinal = scram.clientFinal(clientFinal);
            if (serverFinal == null) {
                AuthorizationCommands.failed(self, user, "password mismatch", mech);
                return;
            }
            self.writer().continuation(serverFinal);
            self.readLine((me, l3) -> {
                if (response(me, l3) != null) {
                    logins.finish(me, user, new AuthResult.Success(found.user()), mech);
                }
            });
        });
    }

    /** The credential, or null when the exchange has been answered (unknown user, unusable hash, passdb down). */
    private static CredentialResult.Found lookup(Pop3Session s, String user, String scheme, SaslMechanism mech) {
        CredentialResult r = s.services().credentials().lookup(user, scheme);
        if (r instanceof CredentialResult.Found f) {
            return f;
        }
        if (r instanceof CredentialResult.Unavailable) {
            s.err(ResponseCode.SYS_TEMP, "Temporary authentication failure.");
        } else {
            AuthorizationCommands.failed(s, user, ((CredentialResult.Failure) r).reason(), mech);
        }
        return null;
    }
}
