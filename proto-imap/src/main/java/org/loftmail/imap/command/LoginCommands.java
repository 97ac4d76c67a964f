package org.loftmail.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.SaslPlaintext;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.wire.Capability;
import org.loftmail.imap.wire.ResponseCode;
import org.loftmail.imap.wire.UntaggedResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands of any state (CAPABILITY, NOOP, LOGOUT, ID, ENABLE) and of the not-authenticated
 * state (STARTTLS, LOGIN, AUTHENTICATE PLAIN/LOGIN with SASL-IR).
 */
final class LoginCommands {
    private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);
    /** Created (and subscribed) at login when the user has no mailbox of that use, as Dovecot's {@code auto = subscribe}. */
    private static final Map<SpecialUse, String> SPECIAL_USE = new LinkedHashMap<>();

    static {
        SPECIAL_USE.put(SpecialUse.DRAFTS, "Drafts");
        SPECIAL_USE.put(SpecialUse.SENT, "Sent");
        SPECIAL_USE.put(SpecialUse.TRASH, "Trash");
        SPECIAL_USE.put(SpecialUse.JUNK, "Junk");
        SPECIAL_USE.put(SpecialUse.ARCHIVE, "Archive");
    }

    boolean handlesAnyState(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.Capability) {
            UntaggedResponses.capability(s.writer(), s.capabilities());
            s.ok(c.tag(), null, "Capability completed.");
        } else if (c instanceof ImapCommand.Noop) {
            s.ok(c.tag(), null, "NOOP completed.");
        } else if (c instanceof ImapCommand.Logout) {
            s.logout();
            s.writer().status(c.tag(), org.loftmail.imap.wire.Condition.OK, null, "Logout completed.");
            s.closeAfterFlush();
        } else if (c instanceof ImapCommand.Id) {
            Map<String, String> id = new LinkedHashMap<>();
            id.put("name", "Loft");
            id.put("vendor", "Loft");
            id.put("support-url", "https://loftmail.org/");
            UntaggedResponses.id(s.writer(), id);
            s.ok(c.tag(), null, "ID completed.");
        } else if (c instanceof ImapCommand.Enable) {
            if (s.state() == ImapSession.State.NOT_AUTHENTICATED) {
                s.bad(c.tag(), "ENABLE is only valid after login.");
                return true;
            }
            enable(s, (ImapCommand.Enable) c);
        } else {
            return false;
        }
        return true;
    }

    private static void enable(ImapSession s, ImapCommand.Enable c) {
        Set<Capability> now = EnumSet.noneOf(Capability.class);
        for (String name : c.capabilities()) {
            Capability cap = Capability.byWireName(name);
            if ((cap == Capability.IMAP4REV2 || cap == Capability.UTF8_ACCEPT) && !s.enabled().contains(cap)) {
                s.enable(cap);
                now.add(cap);
            }
        }
        UntaggedResponses.enabled(s.writer(), now);
        s.ok(c.tag(), null, "Enabled.");
    }

    boolean handlesNotAuthenticated(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.StartTls) {
            if (s.services().tls() == null || s.tls()) {
                s.bad(c.tag(), s.tls() ? "TLS is already active." : "TLS support isn't enabled.");
            } else {
                s.startTls(c.tag());
            }
        } else if (c instanceof ImapCommand.Login) {
            ImapCommand.Login l = (ImapCommand.Login) c;
            if (s.loginDisabled()) {
                s.no(c.tag(), ResponseCode.Simple.PRIVACYREQUIRED,
                        "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
            } else {
                login(s, c.tag(), l.user(), l.password());
            }
        } else if (c instanceof ImapCommand.Authenticate) {
            authenticate(s, (ImapCommand.Authenticate) c);
        } else {
            return false;
        }
        return true;
    }

    private void authenticate(ImapSession s, ImapCommand.Authenticate a) {
        String mech = a.mechanism().toUpperCase(java.util.Locale.ROOT);
        if (!mech.equals("PLAIN") && !mech.equals("LOGIN")) {
            s.no(a.tag(), null, "Unsupported authentication mechanism.");
            return;
        }
        if (s.loginDisabled()) {
            s.no(a.tag(), ResponseCode.Simple.PRIVACYREQUIRED,
                    "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
            return;
        }
        if (mech.equals("PLAIN")) {
            if (a.initialResponse() == null) {
                s.writer().continuationBase64(new byte[0]);
                s.readLine((self, line) -> plain(self, a.tag(), line));
            } else {
                plain(s, a.tag(), a.initialResponse());
            }
        } else if (a.initialResponse() == null) {
            s.writer().continuationBase64(SaslPlaintext.LOGIN_USER_CHALLENGE);
            s.readLine((self, line) -> loginUser(self, a.tag(), line));
        } else {
            loginUser(s, a.tag(), a.initialResponse());
        }
    }

    private void plain(ImapSession s, String tag, String line) {
        byte[] message = saslResponse(s, tag, line);
        if (message == null) {
            return;
        }
        SaslPlaintext.Credential cred = SaslPlaintext.decodePlain(message);
        if (cred == null) {
            s.bad(tag, "Invalid base64 data or malformed PLAIN message.");
        } else if (!cred.authzid().isEmpty() && !cred.authzid().equals(cred.user())) {
            // Proxy authorization needs master users (a later auth issue): refuse, as Dovecot
            // does without a master passdb.
            failed(s, tag, cred.user(), "authorization id differs");
        } else {
            login(s, tag, cred.user(), cred.password());
        }
    }

    private void loginUser(ImapSession s, String tag, String line) {
        byte[] user = saslResponse(s, tag, line);
        if (user == null) {
            return;
        }
        s.writer().continuationBase64(SaslPlaintext.LOGIN_PASSWORD_CHALLENGE);
        s.readLine((self, l2) -> {
            byte[] password = saslResponse(self, tag, l2);
            if (password != null) {
                login(self, tag, new String(user, StandardCharsets.UTF_8), new String(password, StandardCharsets.UTF_8));
            }
        });
    }

    /** Decodes one SASL response line; null (answered) when the client aborted or sent junk. */
    private static byte[] saslResponse(ImapSession s, String tag, String line) {
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

    private void login(ImapSession s, String tag, String user, String password) {
        long wait = s.services().penalty().delayMillis(s.remoteAddress());
        if (wait > 0) {
            // An address that keeps failing waits before its attempt is even checked (Dovecot's
            // auth penalty); the connection's other commands wait too, no thread does.
            s.after(wait, () -> check(s, tag, user, password));
        } else {
            check(s, tag, user, password);
        }
    }

    private void check(ImapSession s, String tag, String user, String password) {
        AuthResult r = s.services().authenticator().authenticate(
                new AuthRequest(user, password, "imap", s.remoteAddress(), s.secured()));
        if (r instanceof AuthResult.Success) {
            s.services().penalty().succeeded(s.remoteAddress());
            if (!s.authenticated(((AuthResult.Success) r).user())) {
                LOG.warn("imap-login: Maximum number of connections from user+IP exceeded: user=<{}>, rip={}", user,
                        s.remoteAddress());
                s.no(tag, ResponseCode.Simple.LIMIT, "Maximum number of connections from user+IP exceeded "
                        + "(mail_max_userip_connections=" + s.services().userIp().max() + ")");
                return;
            }
            LOG.info("imap-login: Login: user=<{}>, rip={}, secured={}", user, s.remoteAddress(), s.secured());
            if (s.settings().autoCreateSpecialUse()) {
                try {
                    createSpecialUse(s.store());
                } catch (StorageException e) {
                    // The user is logged in; a mailbox that could not be made now is made at the next login.
                    LOG.warn("cannot create special-use mailboxes for {}: {}", user, e.getMessage());
                }
            }
            s.ok(tag, new ResponseCode.Capabilities(s.capabilities()), "Logged in");
        } else if (r instanceof AuthResult.Unavailable) {
            LOG.warn("imap-login: auth unavailable for user=<{}>, rip={}: {}", user, s.remoteAddress(),
                    ((AuthResult.Unavailable) r).reason());
            s.no(tag, ResponseCode.Simple.UNAVAILABLE, "Temporary authentication failure.");
        } else {
            failed(s, tag, user, ((AuthResult.Failure) r).reason());
        }
    }

    private static void failed(ImapSession s, String tag, String user, String reason) {
        s.services().penalty().failed(s.remoteAddress());
        int n = s.loginFailed();
        LOG.info("imap-login: Aborted login (auth failed, {} attempts): user=<{}>, rip={}: {}", n, user,
                s.remoteAddress(), reason);
        s.after(s.settings().authFailureDelay().toMillis(),
                () -> s.no(tag, ResponseCode.Simple.AUTHENTICATIONFAILED, "Authentication failed."));
    }

    private static void createSpecialUse(UserStore store) {
        Set<SpecialUse> present = EnumSet.noneOf(SpecialUse.class);
        for (MailboxInfo m : store.mailboxes()) {
            present.addAll(m.specialUse());
        }
        for (Map.Entry<SpecialUse, String> e : SPECIAL_USE.entrySet()) {
            MailboxName name = MailboxName.of(e.getValue());
            if (!present.contains(e.getKey()) && store.mailbox(name).isEmpty()) {
                try {
                    store.create(name, Set.of(e.getKey()));
                } catch (StorageException ex) {
                    // Another connection's first login created it meanwhile (clients open
                    // several at once); the LOGIN must not fail for that.
                    if (ex.kind() != StorageException.Kind.ALREADY_EXISTS) {
                        throw ex;
                    }
                }
                store.subscribe(name, true);
            }
        }
    }
}
