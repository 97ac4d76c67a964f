package org.loftmail.imap.command;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.SaslBearer;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapAuth;
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
    private final AuthenticateCommand sasl = new AuthenticateCommand(new AuthenticateCommand.CredentialCheck() {
        @Override
        public void login(ImapSession s, String tag, String user, String loginAs, String secret, boolean token) {
            LoginCommands.this.login(s, tag, user, loginAs, secret, token);
        }

        @Override
        public void finish(ImapSession s, String tag, String user, AuthResult result) {
            LoginCommands.this.finish(s, tag, user, result, false);
        }
    });
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
        } else if (c instanceof ImapCommand.Compress) {
            ImapCommand.Compress z = (ImapCommand.Compress) c;
            if (s.state() == ImapSession.State.NOT_AUTHENTICATED) {
                s.bad(c.tag(), "COMPRESS is only valid after login.");
            } else if (!z.mechanism().equals("DEFLATE")) {
                s.bad(c.tag(), "Unknown compression mechanism " + z.mechanism() + ".");
            } else {
                s.compress(c.tag());
            }
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
            if ((cap == Capability.IMAP4REV2 || cap == Capability.UTF8_ACCEPT || cap == Capability.CONDSTORE
                    || cap == Capability.QRESYNC) && !s.enabled().contains(cap)) {
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
                login(s, c.tag(), l.user(), "", l.password(), false);
            }
        } else if (c instanceof ImapCommand.Authenticate) {
            sasl.authenticate(s, (ImapCommand.Authenticate) c);
        } else {
            return false;
        }
        return true;
    }

    /**
     * Checks a credential (a password, or a bearer token when {@code token}) and finishes the
     * login. {@code loginAs} is SASL's authorization id (a master user logging in as another
     * user), empty for none. Package-private: AUTHENTICATE ends here too.
     */
    void login(ImapSession s, String tag, String user, String loginAs, String secret, boolean token) {
        long wait = s.services().auth().penalty().delayMillis(s.remoteAddress());
        if (wait > 0) {
            // An address that keeps failing waits before its attempt is even checked (Dovecot's
            // auth penalty); the connection's other commands wait too, no thread does.
            s.after(wait, () -> check(s, tag, user, loginAs, secret, token));
        } else {
            check(s, tag, user, loginAs, secret, token);
        }
    }

    private void check(ImapSession s, String tag, String user, String loginAs, String secret, boolean token) {
        ImapAuth auth = s.services().auth();
        AuthResult r = (token ? auth.tokens() : auth.passwords()).authenticate(
                new AuthRequest(user, secret, "imap", s.remoteAddress(), s.secured(), loginAs));
        finish(s, tag, user, r, token);
    }

    /** Ends a login whose credential was checked to {@code r}: LOGIN, AUTHENTICATE, and challenge-response mechanisms. */
    private void finish(ImapSession s, String tag, String user, AuthResult r, boolean token) {
        if (r instanceof AuthResult.Success) {
            s.services().auth().penalty().succeeded(s.remoteAddress());
            if (!s.authenticated(((AuthResult.Success) r).user())) {
                LOG.warn("imap-login: Maximum number of connections from user+IP exceeded: user=<{}>, rip={}", user,
                        s.remoteAddress());
                s.no(tag, ResponseCode.Simple.LIMIT, "Maximum number of connections from user+IP exceeded "
                        + "(mail_max_userip_connections=" + s.services().auth().userIp().max() + ")");
                return;
            }
            LOG.info("imap-login: Login: user=<{}>, rip={}, secured={}", ((AuthResult.Success) r).user().name(),
                    s.remoteAddress(), s.secured());
            if (s.settings().autoCreateSpecialUse()) {
                try {
                    createSpecialUse(s.store());
                } catch (StorageException e) {
                    // The user is logged in; a mailbox that could not be made now is made at the next login.
                    LOG.warn("cannot create special-use mailboxes for {}: {}", user, e.getMessage());
                }
            }
            s.ok(tag, new ResponseCode.Capabilities(s.capabilities()), "Logged in");
        } else if (r instanceof AuthResult.Refused) {
            String reason = ((AuthResult.Refused) r).reason();
            LOG.info("imap-login: Login refused (nologin): user=<{}>, rip={}", user, s.remoteAddress());
            s.no(tag, ResponseCode.Simple.AUTHORIZATIONFAILED,
                    reason == null || reason.isBlank() ? "Login disabled for this user." : reason);
        } else if (r instanceof AuthResult.Unavailable) {
            LOG.warn("imap-login: auth unavailable for user=<{}>, rip={}: {}", user, s.remoteAddress(),
                    ((AuthResult.Unavailable) r).reason());
            s.no(tag, ResponseCode.Simple.UNAVAILABLE, "Temporary authentication failure.");
        } else {
            failed(s, tag, user, ((AuthResult.Failure) r).reason(), token);
        }
    }

    static void failed(ImapSession s, String tag, String user, String reason, boolean token) {
        s.services().auth().penalty().failed(s.remoteAddress());
        int n = s.loginFailed();
        LOG.info("imap-login: Aborted login (auth failed, {} attempts): user=<{}>, rip={}: {}", n, user,
                s.remoteAddress(), reason);
        Runnable no = () -> s.no(tag, ResponseCode.Simple.AUTHENTICATIONFAILED, "Authentication failed.");
        if (token) {
            // RFC 7628 section 3.2.2: an error challenge, the client's dummy response, then NO.
            s.writer().continuationBase64(SaslBearer.ERROR_CHALLENGE);
            s.readLine((self, line) -> self.after(self.settings().authFailureDelay().toMillis(), no));
        } else {
            s.after(s.settings().authFailureDelay().toMillis(), no);
        }
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
