package org.loftmail.pop3.command;

import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.StorageException;
import org.loftmail.pop3.parse.Pop3Command;
import org.loftmail.pop3.session.Pop3Session;
import org.loftmail.pop3.session.SaslMechanism;
import org.loftmail.pop3.wire.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AUTHORIZATION state: USER/PASS (RFC 1939), AUTH (RFC 5034, via {@link SaslExchange}),
 * STLS (RFC 2595) and QUIT. Every login ends in {@link #finish}, which answers as Dovecot's
 * pop3-login does, with RFC 3206 codes.
 */
final class AuthorizationCommands {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCommands.class);
    static final String PLAINTEXT_DISABLED = "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
    static final String AUTH_FAILED = "Authentication failed.";

    private final SaslExchange sasl = new SaslExchange(this);

    void handle(Pop3Session s, Pop3Command c) {
        if (c instanceof Pop3Command.User u) {
            if (s.loginDisabled()) {
                plaintextRefused(s, "USER");
            } else {
                s.pendingUser(u.name());
                s.ok("");
            }
        } else if (c instanceof Pop3Command.Pass p) {
            if (s.loginDisabled()) {
                plaintextRefused(s, "PASS");
            } else if (s.pendingUser() == null) {
                s.bad("No username given.");
            } else {
                String user = s.pendingUser();
                s.pendingUser(null);
                login(s, user, "", p.password(), SaslMechanism.PLAIN);
            }
        } else if (c instanceof Pop3Command.Auth a) {
            sasl.start(s, a);
        } else if (c instanceof Pop3Command.Apop) {
            s.bad("APOP not enabled.");
        } else if (c instanceof Pop3Command.Stls) {
            if (s.tls()) {
                s.bad("TLS is already active.");
            } else if (s.services().tls() == null) {
                s.bad("TLS support isn't enabled.");
            } else {
                s.startTls();
            }
        } else if (c instanceof Pop3Command.Quit) {
            s.ok("Logging out");
            s.disconnect("Aborted login");
        } else {
            s.bad("Unknown command.");
        }
    }

    private static void plaintextRefused(Pop3Session s, String command) {
        LOG.info("pop3-login: Login failed: plaintext {} on an insecure connection: rip={}", command, s.rip());
        s.err(ResponseCode.AUTH, PLAINTEXT_DISABLED);
    }

    /**
     * Checks a password (or a bearer token for OAUTHBEARER/XOAUTH2) and finishes the login.
     * {@code loginAs} is SASL's authorization id (a master user logging in as another user),
     * empty for none. An address that keeps failing waits first (Dovecot's auth penalty); the
     * connection's later commands wait too, no thread does.
     */
    void login(Pop3Session s, String user, String loginAs, String secret, SaslMechanism mech) {
        long wait = s.services().penalty().delayMillis(s.remoteAddress());
        if (wait > 0) {
            s.after(wait, () -> check(s, user, loginAs, secret, mech));
        } else {
            check(s, user, loginAs, secret, mech);
        }
    }

    private void check(Pop3Session s, String user, String loginAs, String secret, SaslMechanism mech) {
        boolean token = mech == SaslMechanism.OAUTHBEARER || mech == SaslMechanism.XOAUTH2;
        Authenticator a = token ? s.services().tokens() : s.services().passwords();
        AuthResult r = a.authenticate(new AuthRequest(user, secret, "pop3", s.remoteAddress(), s.secured(),
                loginAs));
        if (r instanceof AuthResult.Failure f && token) {
            sasl.tokenFailed(s, user, f.reason(), mech);
            return;
        }
        finish(s, user, r, mech);
    }

    /** Ends a login whose credential was checked to {@code r}. */
    void finish(Pop3Session s, String user, AuthResult r, SaslMechanism mech) {
        if (r instanceof AuthResult.Success ok) {
            s.services().penalty().succeeded(s.remoteAddress());
            opened(s, user, ok.user(), mech);
        } else if (r instanceof AuthResult.Refused refused) {
            LOG.info("pop3-login: Login refused (nologin): user=<{}>, method={}, rip={}", user, mech.wire(),
                    s.rip());
            String reason = refused.reason();
            s.err(ResponseCode.AUTH, reason == null || reason.isBlank() ? AUTH_FAILED : reason);
        } else if (r instanceof AuthResult.Unavailable u) {
            LOG.warn("pop3-login: auth unavailable for user=<{}>, method={}, rip={}: {}", user, mech.wire(),
                    s.rip(), u.reason());
            s.err(ResponseCode.SYS_TEMP, "Temporary authentication failure.");
        } else {
            failed(s, user, ((AuthResult.Failure) r).reason(), mech);
        }
    }

    private static void opened(Pop3Session s, String user, UserId who, SaslMechanism mech) {
        Pop3Session.Login login;
        try {
            login = s.authenticated(who);
        } catch (StorageException e) {
            LOG.error("pop3({}): cannot open INBOX: {}", who.name(), e.getMessage());
            s.err(e.temporary() ? ResponseCode.SYS_TEMP : ResponseCode.SYS_PERM, "Couldn't open INBOX.");
            return;
        }
        switch (login) {
            case USER_IP_LIMIT:
                LOG.warn("pop3-login: Maximum number of connections from user+IP exceeded: user=<{}>, rip={}", user,
                        s.rip());
                s.err(ResponseCode.IN_USE, "Maximum number of connections from user+IP exceeded "
                        + "(mail_max_userip_connections=" + s.services().userIp().max() + ")");
                break;
            case LOCKED:
                LOG.info("pop3-login: Mailbox is locked by another POP3 session: user=<{}>, rip={}", who.name(),
                        s.rip());
                s.err(ResponseCode.IN_USE, "Mailbox is locked by another POP3 session.");
                break;
            default:
                LOG.info("pop3-login: Login: user=<{}>, method={}, rip={}, lip={}{}, messages={}", who.name(),
                        mech.wire(), s.rip(), s.lip(), s.tls() ? ", TLS" : "",
                        s.maildrop().count());
                s.ok("Logged in.");
        }
    }

    /** A wrong credential: counted for the penalty, answered after the failure delay. */
    static void failed(Pop3Session s, String user, String reason, SaslMechanism mech) {
        s.services().penalty().failed(s.remoteAddress());
        int n = s.loginFailed();
        LOG.info("pop3-login: Aborted login (auth failed, {} attempts): user=<{}>, method={}, rip={}: {}", n, user,
                mech.wire(), s.rip(), reason);
        s.after(s.settings().authFailureDelay().toMillis(), () -> s.err(ResponseCode.AUTH, AUTH_FAILED));
    }
}
