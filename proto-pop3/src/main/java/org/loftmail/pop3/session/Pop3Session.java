package org.loftmail.pop3.session;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.FlagUpdate;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.UserStore;
import org.loftmail.pop3.codec.Pop3Frame;
import org.loftmail.pop3.codec.Pop3LineDecoder;
import org.loftmail.pop3.parse.Pop3Parser;
import org.loftmail.pop3.wire.Capability;
import org.loftmail.pop3.wire.DotStuffer;
import org.loftmail.pop3.wire.Pop3ResponseWriter;
import org.loftmail.pop3.wire.ResponseCode;
import org.loftmail.proto.netty.ChannelSession;
import org.loftmail.proto.netty.ChunkedChannelOutput;
import org.loftmail.proto.netty.SessionClosedException;
import org.loftmail.proto.netty.SessionConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 connection. Everything the client sends goes through {@link #receive} (on the event
 * loop) into the serial queue of its {@link SessionConnection}; all state below is touched only
 * by the item the queue is running, so it needs no locks. Pipelined commands (RFC 2449
 * PIPELINING) are simply answered in order; output is flushed when the queue runs dry.
 */
public final class Pop3Session implements ChannelSession {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);

    /** RFC 1939 section 3; CLOSED once the connection is gone or being closed. */
    public enum State { AUTHORIZATION, TRANSACTION, UPDATE, CLOSED }

    /** What a successful credential check came to. */
    public enum Login { OK, USER_IP_LIMIT, LOCKED }

    private final Channel channel;
    private final Pop3Services services;
    private final Pop3Settings settings;
    private final CommandHandler handler;
    private final MaildropLocks locks;
    private final UidlFormat uidlFormat;
    private final SessionConnection<Pop3ResponseWriter> conn;
    private final ChunkedChannelOutput<Pop3ResponseWriter> out;

    private volatile State state = State.AUTHORIZATION;
    private boolean tls;
    private UserId user;
    private UserStore store;
    private Maildrop maildrop;
    private boolean userIpSlot;
    private boolean locked;
    private LineReader lineReader;
    private String pendingUser;
    private int badInARow;
    private int failedLogins;

    public Pop3Session(Channel channel, Pop3Services services, Pop3Settings settings, CommandHandler handler,
                       MaildropLocks locks, boolean implicitTls) {
        this.channel = channel;
        this.services = services;
        this.settings = settings;
        this.handler = handler;
        this.locks = locks;
        this.uidlFormat = UidlFormat.compile(settings.uidlFormat());
        this.conn = new SessionConnection<>(channel, services.workers(), Pop3ResponseWriter::new);
        this.out = conn.out();
        this.tls = implicitTls;
    }

    // ---- what the network side calls (event loop) ----

    /** Sends the greeting (Dovecot: {@code +OK Dovecot ready.}). No APOP timestamp: APOP is not offered. */
    @Override
    public void start() {
        conn.add(() -> {
            try {
                out.writer().ok("Loft ready.");
                out.flush();
            } catch (SessionClosedException e) {
                conn.markClosed();
            }
        });
    }

    /** A {@link Pop3Frame} from the decoder. */
    @Override
    public void receive(Object msg) {
        if (msg instanceof Pop3Frame) {
            conn.receive(msg, frame -> process((Pop3Frame) frame));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void writabilityChanged() {
        out.writabilityChanged();
    }

    /** No input (and no output progress) for the state's timeout: say so and close. */
    @Override
    public void timedOut() {
        conn.add(() -> {
            if (!conn.isClosed() && state != State.CLOSED) {
                try {
                    out.writer().err(null, "Disconnected for inactivity.");
                    disconnect("Disconnected for inactivity");
                } catch (SessionClosedException e) {
                    conn.markClosed();
                }
            }
        });
    }

    /** The connection is gone: release everything, on the queue so no command is mid-way. */
    @Override
    public void closed() {
        conn.closed(this::cleanUp);
    }

    // ---- processing (worker) ----

    private void process(Pop3Frame frame) {
        try {
            if (conn.isClosed() || state == State.CLOSED) {
                return;
            }
            if (frame instanceof Pop3Frame.Line line) {
                line(line.bytes());
            } else {
                lineReader = null;
                bad("Input line too long.");
            }
            if (conn.drained()) {
                out.flush();
            }
        } catch (SessionClosedException e) {
            conn.markClosed();
        } finally {
            conn.resumeReading();
        }
    }

    private void line(byte[] bytes) {
        String what;
        Runnable work;
        if (lineReader != null) {
            LineReader r = lineReader;
            lineReader = null;
            what = "AUTH";
            work = () -> r.line(this, new String(bytes, StandardCharsets.UTF_8));
        } else {
            org.loftmail.pop3.parse.Pop3Command c = Pop3Parser.parse(bytes);
            what = c.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
            work = () -> handler.handle(this, c);
        }
        try {
            work.run();
        } catch (SessionClosedException e) {
            throw e;
        } catch (StorageException e) {
            LOG.warn("pop3({}): {} failed: {}", userName(), what, e.getMessage());
            err(e.temporary() ? ResponseCode.SYS_TEMP : ResponseCode.SYS_PERM, storageText(e));
        } catch (RuntimeException e) {
            LOG.error("pop3({}): {} failed", userName(), what, e);
            err(ResponseCode.SYS_TEMP, "Internal error occurred. Refer to server log for more information.");
        }
    }

    private void cleanUp() {
        if (state == State.TRANSACTION) {
            endWithoutQuit("Disconnected: Connection closed");
        }
        release();
        out.release();
        state = State.CLOSED;
    }

    /**
     * A session in TRANSACTION ends without QUIT: RFC 1939 section 6 deletes nothing. Messages
     * the client did download are marked read, as Dovecot does.
     */
    private void endWithoutQuit(String reason) {
        try {
            markSeen();
        } catch (RuntimeException e) {
            LOG.warn("pop3({}): cannot mark downloaded messages seen: {}", userName(), e.getMessage());
        }
        LOG.info("pop3({}): {} {}", userName(), reason, maildrop.stats(false));
    }

    private void release() {
        if (locked) {
            locks.unlock(user);
            locked = false;
        }
        if (userIpSlot) {
            services.userIp().release(user, remoteAddress());
            userIpSlot = false;
        }
    }

    // ---- responses, for handlers ----

    public Pop3ResponseWriter writer() {
        return out.writer();
    }

    /** {@code +OK text}: a good command, the bad-command count starts again. */
    public void ok(String text) {
        badInARow = 0;
        out.writer().ok(text);
    }

    /** Any {@code +OK} the handler wrote itself (multi-line responses) counts as a good command too. */
    public void good() {
        badInARow = 0;
    }

    /** {@code -ERR} for a failure that is not the client's mistake (a refused login, the store). */
    public void err(ResponseCode code, String text) {
        out.writer().err(code, text);
    }

    /** {@code -ERR text} for a command the client got wrong; too many in a row end the connection (Dovecot: 20). */
    public void bad(String text) {
        out.writer().err(null, text);
        if (++badInARow > settings.maxBadCommands()) {
            out.writer().err(null, "Too many bad commands.");
            out.flush();
            disconnect("Disconnected: Too many bad commands");
            throw new SessionClosedException();
        }
    }

    /** Writes {@code src} in wire form ({@link DotStuffer}); returns the octets written. */
    public long stuff(ByteBuffer src, long bodyLines) {
        return DotStuffer.write(src, bodyLines, () -> out.writer().buffer());
    }

    /** Streams {@code in} (already in wire form); returns the octets sent. */
    public long stream(InputStream in) {
        return out.stream(in);
    }

    /** Ends the connection after what has been written; nothing more is read. */
    public void disconnect(String reason) {
        if (state == State.TRANSACTION) {
            endWithoutQuit(reason);
        } else if (state == State.AUTHORIZATION) {
            LOG.info("pop3-login: {}: rip={}", reason, rip());
        }
        state = State.CLOSED;
        out.flush();
        channel.close();
        throw new SessionClosedException();
    }

    // ---- state, for handlers ----

    public State state() {
        return state;
    }

    public Pop3Settings settings() {
        return settings;
    }

    public Pop3Services services() {
        return services;
    }

    public UserStore store() {
        return store;
    }

    public Maildrop maildrop() {
        return maildrop;
    }

    public boolean secured() {
        return tls || conn.loopback();
    }

    public boolean tls() {
        return tls;
    }

    public InetAddress remoteAddress() {
        return conn.remoteAddress();
    }

    public InetAddress localAddress() {
        return conn.localAddress();
    }

    /** The client's address as log lines show it ({@code rip=}). */
    public String rip() {
        InetAddress a = remoteAddress();
        return a == null ? "?" : a.getHostAddress();
    }

    /** The local address as log lines show it ({@code lip=}). */
    public String lip() {
        InetAddress a = localAddress();
        return a == null ? "?" : a.getHostAddress();
    }

    /** USER/PASS and plaintext SASL are refused here (Dovecot's disable_plaintext_auth). */
    public boolean loginDisabled() {
        return settings.disablePlaintextAuth() && !secured();
    }

    public String userName() {
        return user == null ? "(not logged in)" : user.name();
    }

    /** The name USER gave, waiting for PASS; null when none. */
    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String name) {
        pendingUser = name;
    }

    /** What CAPA lists now (RFC 2449): depends on the state and on TLS, as in Dovecot. */
    public Set<Capability> capabilities() {
        Set<Capability> caps = EnumSet.of(Capability.CAPA, Capability.TOP, Capability.UIDL, Capability.RESP_CODES,
                Capability.PIPELINING, Capability.AUTH_RESP_CODE);
        if (state == State.AUTHORIZATION) {
            if (!tls && services.tls() != null) {
                caps.add(Capability.STLS);
            }
            if (!loginDisabled() && services.passwords() != null) {
                caps.add(Capability.USER);
            }
            if (!mechanisms().isEmpty()) {
                caps.add(Capability.SASL);
            }
        }
        return caps;
    }

    /**
     * The SASL mechanisms AUTH accepts on this connection now: those of {@code auth_mechanisms}
     * the passdbs can check, in that order, then the bearer-token ones an oauth2 passdb brings
     * (as in IMAP, they need no {@code auth_mechanisms} entry).
     */
    public List<SaslMechanism> mechanisms() {
        List<SaslMechanism> wanted = new ArrayList<>();
        for (String name : services.mechanisms()) {
            SaslMechanism m = SaslMechanism.byName(name);
            if (m != null && !wanted.contains(m)) {
                wanted.add(m);
            }
        }
        for (SaslMechanism m : List.of(SaslMechanism.OAUTHBEARER, SaslMechanism.XOAUTH2)) {
            if (!wanted.contains(m)) {
                wanted.add(m);
            }
        }
        List<SaslMechanism> out = new ArrayList<>();
        for (SaslMechanism m : wanted) {
            if (m.supportedBy(services) && !(m.plaintext() && loginDisabled())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The next line goes to {@code reader} instead of the parser. */
    public void readLine(LineReader reader) {
        lineReader = reader;
    }

    /**
     * Runs {@code then} after {@code millis} (the auth failure delay, a login penalty) on the
     * worker, holding further commands but no thread meanwhile.
     */
    public void after(long millis, Runnable then) {
        conn.after(millis, then);
    }

    /** Counts a failed login; returns how many this connection has had. */
    public int loginFailed() {
        return ++failedLogins;
    }

    /**
     * The client proved it is {@code who}: takes the user+IP slot and the POP3 lock, and
     * snapshots INBOX (RFC 1939 section 4). Anything not {@link Login#OK} leaves the session in
     * AUTHORIZATION holding nothing; so does a {@link StorageException}, which is rethrown.
     */
    public Login authenticated(UserId who) {
        if (!services.userIp().acquire(who, remoteAddress())) {
            return Login.USER_IP_LIMIT;
        }
        if (settings.lockSession() && !locks.tryLock(who)) {
            services.userIp().release(who, remoteAddress());
            return Login.LOCKED;
        }
        user = who;
        userIpSlot = true;
        locked = settings.lockSession();
        try {
            UserStore st = services.store().user(who);
            MailboxInfo inbox = st.mailbox(MailboxName.INBOX)
                    .orElseThrow(() -> StorageException.notFound("INBOX does not exist"));
            List<MessageInfo> messages = st.messages(inbox.guid(), 1, Long.MAX_VALUE);
            maildrop = new Maildrop(inbox, messages, uidlFormat);
            store = st;
        } catch (RuntimeException e) {
            release();
            user = null;
            throw e;
        }
        pendingUser = null;
        state = State.TRANSACTION;
        conn.authenticated();
        return Login.OK;
    }

    /**
     * QUIT in TRANSACTION (RFC 1939 section 6): the UPDATE state. Marks downloaded messages seen,
     * expunges the deleted ones in one store call, releases the lock, answers and closes.
     */
    public void quit() {
        state = State.UPDATE;
        boolean deleted = maildrop.deletedCount() > 0;
        try {
            markSeen();
            if (deleted) {
                store.expunge(maildrop.inbox().guid(), maildrop.deletedUids());
            }
        } catch (StorageException e) {
            LOG.error("pop3({}): cannot update INBOX at QUIT: {}", userName(), e.getMessage());
            release();
            err(e.temporary() ? ResponseCode.SYS_TEMP : ResponseCode.SYS_PERM, storageText(e));
            LOG.info("pop3({}): Disconnected: Storage error during logout. {}", userName(), maildrop.stats(false));
            state = State.CLOSED;
            out.flush();
            channel.close();
            throw new SessionClosedException();
        }
        // Released before the answer, so a client that logs in again right after QUIT finds it free.
        release();
        ok(deleted ? "Logging out, messages deleted." : "Logging out.");
        LOG.info("pop3({}): Disconnected: Logged out {}", userName(), maildrop.stats(true));
        state = State.CLOSED;
        out.flush();
        channel.close();
        throw new SessionClosedException();
    }

    private void markSeen() {
        List<Long> seen = maildrop.newlySeenUids();
        if (!seen.isEmpty()) {
            store.store(maildrop.inbox().guid(), seen, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)));
        }
    }

    // ---- STLS ----

    /** Answers +OK in clear text, then starts TLS before reading anything else (RFC 2595 section 4). */
    public void startTls() {
        out.writer().ok("Begin TLS negotiation now.");
        badInARow = 0;
        tls = true;
        pendingUser = null;
        conn.startTls(services.tls(), () -> new Pop3LineDecoder(settings.maxLineLength()));
    }

    /** The client's view of a store failure: Dovecot's wording for the common cases. */
    private static String storageText(StorageException e) {
        return e.temporary() ? "Temporary storage failure, try again later." : "Storage failure: " + e.getMessage();
    }

    /** For tests and log lines. */
    @Override
    public String toString() {
        return "Pop3Session[" + userName() + ", " + state + "]";
    }
}
