package org.loftmail.imap.session;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.UserStore;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.codec.ImapFrameDecoder;
import org.loftmail.imap.codec.ImapLiteral;
import org.loftmail.imap.codec.ImapLiteralChunk;
import org.loftmail.imap.codec.LiteralStreamStart;
import org.loftmail.imap.fetch.ResponseSink;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.ImapParser;
import org.loftmail.imap.parse.ParseError;
import org.loftmail.imap.parse.ParseResult;
import org.loftmail.imap.wire.Capability;
import org.loftmail.imap.wire.CapabilityList;
import org.loftmail.imap.wire.Condition;
import org.loftmail.imap.wire.ImapResponseWriter;
import org.loftmail.imap.wire.ResponseCode;
import org.loftmail.proto.netty.ChannelSession;
import org.loftmail.proto.netty.ChunkedChannelOutput;
import org.loftmail.proto.netty.SessionClosedException;
import org.loftmail.proto.netty.SessionConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection. Everything the client sends goes through {@link #receive} (on the event
 * loop) into the serial queue of its {@link SessionConnection}; all state below is touched only
 * by the item the queue is running, so it needs no locks. What other sessions commit reaches the
 * selected mailbox's view through the {@link org.loftmail.core.event.ChangeBus}.
 */
public final class ImapSession implements ChannelSession {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    /** RFC 3501 section 3. */
    public enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }

    private final Channel channel;
    private final ImapServices services;
    private final ImapSettings settings;
    private final CommandHandler handler;
    private final SessionConnection<ImapResponseWriter> conn;
    private final ChunkedChannelOutput<ImapResponseWriter> out;
    private final ResponseSink sink;
    private final Set<Capability> enabled = EnumSet.noneOf(Capability.class);
    private final CommandLiterals literals;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    private volatile State state = State.NOT_AUTHENTICATED;
    private boolean tls;
    private boolean compressed;
    private UserStore store;
    /** The user whose per-address connection slot this session holds, released at close. */
    private UserId userIpSlot;
    private AutoCloseable subscription;
    private volatile SelectedMailbox selected;
    private LineReader lineReader;
    private String idleTag;
    private volatile NotifyState notify;
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    private int badInARow;
    private int failedLogins;

    public ImapSession(Channel channel, ImapServices services, ImapSettings settings, CommandHandler handler,
                       boolean implicitTls) {
        this.channel = channel;
        this.services = services;
        this.settings = settings;
        this.handler = handler;
        this.conn = new SessionConnection<>(channel, services.workers(), ImapResponseWriter::new);
        this.out = conn.out();
        this.sink = new ResponseSink() {
            @Override
            public ImapResponseWriter writer() {
                return out.writer();
            }

            @Override
            public void stream(java.io.InputStream in, long length) {
                out.stream(in, length);
            }
        };
        this.literals = new CommandLiterals(services.spoolDir());
        this.tls = implicitTls;
    }

    // ---- what the network side calls (event loop) ----

    /** Sends the greeting. */
    @Override
    public void start() {
        conn.add(() -> {
            ImapResponseWriter w = out.writer();
            w.status(null, Condition.OK, new ResponseCode.Capabilities(capabilities()), "Loft ready.");
            out.flush();
        });
    }

    /** A decoded frame, chunk or signal from the decoder; ownership passes to the session. */
    @Override
    public void receive(Object msg) {
        conn.receive(msg, this::process);
    }

    @Override
    public void writabilityChanged() {
        out.writabilityChanged();
    }

    /** No input for the timeout of the session's state: say so and close (RFC 3501 section 5.4). */
    @Override
    public void timedOut() {
        conn.add(() -> {
            if (!conn.isClosed() && state != State.LOGOUT) {
                try {
                    bye("Disconnected for inactivity.");
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

    private void process(Object msg) {
        try {
            if (conn.isClosed() || state == State.LOGOUT) {
                return;
            }
            if (msg instanceof ImapFrame.Command) {
                try (ImapFrame.Command frame = (ImapFrame.Command) msg) {
                    command(frame);
                }
            } else if (msg instanceof ImapFrameDecoder.ContinuationRequest) {
                out.writer().continuation("OK");
            } else if (msg instanceof LiteralStreamStart) {
                literals.start(((LiteralStreamStart) msg).index());
            } else if (msg instanceof ImapLiteralChunk) {
                literals.chunk(((ImapLiteralChunk) msg).content());
            } else if (msg instanceof ImapFrame.TooLong) {
                tooLong((ImapFrame.TooLong) msg);
            }
            finishItem();
        } catch (SessionClosedException e) {
            conn.markClosed();
        } catch (RuntimeException e) {
            // Outside any command (spooling a literal failed, ...): the stream is out of step.
            LOG.error("IMAP session of {} failed; closing it", userName(), e);
            conn.markClosed();
            channel.close();
        } finally {
            ReferenceCountUtil.release(msg);
            conn.resumeReading();
        }
    }

    private void finishItem() {
        if (conn.drained() || idleTag != null) {
            out.flush();
        }
    }

    private void command(ImapFrame.Command frame) {
        if (lineReader != null) {
            LineReader r = lineReader;
            lineReader = null;
            r.line(this, frame.firstLine());
            return;
        }
        ParseResult parsed = ImapParser.parse(frame);
        if (parsed instanceof ParseError) {
            ParseError e = (ParseError) parsed;
            literals.drop();
            bad(e.tag(), e.message());
            return;
        }
        ImapCommand c = (ImapCommand) parsed;
        literals.executing(frame);
        try {
            // New messages and flag changes first, so the command sees what the client will
            // have been told; expunges wait for the command's end (RFC 3501 section 7.4.1).
            sync(false, false);
            handler.handle(this, c);
        } catch (SessionClosedException e) {
            throw e;
        } catch (StorageException e) {
            no(c.tag(), codeOf(e), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed for {}", c.getClass().getSimpleName(), userName(), e);
            no(c.tag(), ResponseCode.Simple.SERVERBUG, "Internal error occurred. Refer to server log for more information.");
        } finally {
            literals.drop();
        }
    }

    private void tooLong(ImapFrame.TooLong t) {
        literals.drop();
        if (t.reason() == ImapFrame.Reason.LINE) {
            bad(t.tag(), t.message());
        } else if (t.tag() == null) {
            bad(null, t.message());
        } else {
            no(t.tag(), ResponseCode.Simple.TOOBIG, t.message());
        }
    }

    private void cleanUp() {
        closeSubscription();
        if (userIpSlot != null) {
            services.auth().userIp().release(userIpSlot, remoteAddress());
            userIpSlot = null;
        }
        literals.drop();
        out.release();
        state = State.LOGOUT;
    }

    // ---- responses, for handlers ----

    public ResponseSink out() {
        return sink;
    }

    public ImapResponseWriter writer() {
        return out.writer();
    }

    /** Reports pending mailbox changes, then {@code tag OK}. */
    public void ok(String tag, ResponseCode code, String text) {
        ok(tag, code, text, true);
    }

    /**
     * {@code tag OK} after a sync; {@code allowExpunge} is false for FETCH, STORE and SEARCH
     * by sequence number (RFC 3501 section 7.4.1).
     */
    public void ok(String tag, ResponseCode code, String text, boolean allowExpunge) {
        sync(allowExpunge, false);
        badInARow = 0;
        out.writer().status(tag, Condition.OK, code, text);
    }

    public void no(String tag, ResponseCode code, String text) {
        sync(false, false);
        badInARow = 0;
        out.writer().status(tag, Condition.NO, code, text);
    }

    /** {@code tag BAD}; too many in a row ends the connection. {@code tag} null → untagged. */
    public void bad(String tag, String text) {
        out.writer().status(tag, Condition.BAD, null, text);
        if (++badInARow >= settings.maxBadCommands()) {
            bye("Too many invalid IMAP commands.");
        }
    }

    /** {@code * BYE text} and close. */
    public void bye(String text) {
        out.writer().status(null, Condition.BYE, null, text);
        out.flush();
        state = State.LOGOUT;
        channel.close();
    }

    /** Sends any mailbox changes the client has not seen yet. */
    public void sync(boolean allowExpunge, boolean withUid) {
        SelectedMailbox s = selected;
        if (s == null || store == null) {
            return;
        }
        if (s.deleted() && allowExpunge) {
            // The mailbox was deleted by another session: RFC 3501 allows closing the connection;
            // Dovecot does the same.
            bye("Selected mailbox was deleted, have to disconnect.");
            throw new SessionClosedException();
        }
        if (s.hasPending()) {
            // RFC 5465: with NOTIFY, only what its selected filter asks for (as Dovecot:
            // expunges are still told at the commands that allow them).
            NotifyState n = notify;
            ImapCommand.NotifyGroup g = n == null ? null : n.selectedGroup();
            boolean news = n == null || (g != null && g.events().contains("MessageNew"));
            boolean flags = n == null || (g != null && g.events().contains("FlagChange"));
            s.sync(store, out.writer(), new SelectedMailbox.Reporting(allowExpunge, enabled.contains(Capability.IMAP4REV2),
                    withUid || condStore(), condStore(), qresync(), news, flags), services.recent(),
                    known -> handler.newMessages(this, known));
        }
    }

    // ---- state, for handlers ----

    public State state() {
        return state;
    }

    public ImapSettings settings() {
        return settings;
    }

    public ImapServices services() {
        return services;
    }

    public UserStore store() {
        return store;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public Set<Capability> enabled() {
        return enabled;
    }

    /** RFC 7162: a CONDSTORE enabling command was given; FETCH responses then carry MODSEQ. */
    public boolean condStore() {
        return enabled.contains(Capability.CONDSTORE);
    }

    /** RFC 7162 ENABLE QRESYNC: VANISHED replaces EXPUNGE, SELECT accepts QRESYNC. */
    public boolean qresync() {
        return enabled.contains(Capability.QRESYNC);
    }

    /**
     * A CONDSTORE enabling command (SELECT (CONDSTORE), FETCH MODSEQ, SEARCH MODSEQ, STORE
     * UNCHANGEDSINCE, STATUS HIGHESTMODSEQ) turns CONDSTORE on without an ENABLED response.
     */
    public void condStoreOn() {
        enabled.add(Capability.CONDSTORE);
    }

    public boolean utf8() {
        return enabled.contains(Capability.IMAP4REV2) || enabled.contains(Capability.UTF8_ACCEPT);
    }

    public boolean secured() {
        return tls || conn.loopback();
    }

    public boolean tls() {
        return tls;
    }

    public java.net.InetAddress remoteAddress() {
        return conn.remoteAddress();
    }

    /** LOGIN and plaintext SASL are refused here (Dovecot's disable_plaintext_auth). */
    public boolean loginDisabled() {
        return settings.disablePlaintextAuth() && !secured();
    }

    public String userName() {
        return store == null ? "(not logged in)" : store.user().name();
    }

    /** What CAPABILITY says now: depends on state, TLS and what is enabled. */
    public CapabilityList capabilities() {
        Set<Capability> caps = EnumSet.of(Capability.IMAP4REV1, Capability.IMAP4REV2, Capability.SASL_IR,
                Capability.LITERAL_PLUS, Capability.ID, Capability.ENABLE, Capability.IDLE);
        if (state == State.NOT_AUTHENTICATED) {
            if (!tls && services.tls() != null) {
                caps.add(Capability.STARTTLS);
            }
            List<String> mechanisms = new java.util.ArrayList<>();
            if (loginDisabled()) {
                caps.add(Capability.LOGINDISABLED);
            } else {
                mechanisms.addAll(List.of("PLAIN", "LOGIN"));
                if (services.auth().tokens() != null) {
                    mechanisms.addAll(List.of("OAUTHBEARER", "XOAUTH2"));
                }
            }
            if (services.auth().credentials() != null) {
                // No plaintext crosses the wire, so these stay offered where LOGINDISABLED is (as in Dovecot).
                mechanisms.addAll(List.of("CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"));
            }
            if (!mechanisms.isEmpty()) {
                caps.add(Capability.AUTH);
            }
            return new CapabilityList(caps, List.copyOf(mechanisms), java.util.OptionalLong.empty());
        }
        caps.addAll(EnumSet.of(Capability.NAMESPACE, Capability.UIDPLUS, Capability.MOVE, Capability.UNSELECT,
                Capability.CHILDREN, Capability.SPECIAL_USE, Capability.LIST_EXTENDED, Capability.LIST_STATUS,
                Capability.ESEARCH, Capability.BINARY, Capability.MULTIAPPEND, Capability.STATUS_SIZE,
                Capability.APPENDLIMIT, Capability.CONDSTORE, Capability.QRESYNC, Capability.UTF8_ACCEPT, Capability.SORT, Capability.SORT_DISPLAY,
                Capability.ESORT, Capability.CONTEXT_SEARCH, Capability.CONTEXT_SORT,
                Capability.THREAD_ORDEREDSUBJECT, Capability.THREAD_REFERENCES,
                Capability.THREAD_REFS, Capability.SEARCHRES, Capability.WITHIN, Capability.COMPRESS_DEFLATE,
                Capability.PREVIEW, Capability.SAVEDATE, Capability.METADATA, Capability.NOTIFY));
        return new CapabilityList(caps, List.of(), java.util.OptionalLong.of(settings.limits().maxLiteralSize()));
    }

    /** Enables a capability (ENABLE); UTF-8 mailbox names follow IMAP4rev2 and UTF8=ACCEPT. */
    public void enable(Capability c) {
        enabled.add(c);
        if (c == Capability.QRESYNC) {
            enabled.add(Capability.CONDSTORE); // RFC 7162 section 3.2.3
        }
        out.writer().utf8(utf8());
    }

    /** The next line goes to {@code reader} instead of the parser. */
    public void readLine(LineReader reader) {
        lineReader = reader;
    }

    /**
     * Runs {@code then} after {@code millis} (the auth failure delay) on the worker, holding
     * further commands but no thread meanwhile.
     */
    public void after(long millis, Runnable then) {
        conn.after(millis, then);
    }

    /** Counts a failed login; returns how many this connection has had. */
    public int loginFailed() {
        return ++failedLogins;
    }

    /**
     * The client is now {@code user}: opens the store and listens for changes. Returns false,
     * leaving the session unauthenticated, when the user already has the allowed number of
     * connections from this address. Special-use mailboxes are created by the handler, not here.
     */
    public boolean authenticated(UserId user) {
        if (!services.auth().userIp().acquire(user, remoteAddress())) {
            return false;
        }
        userIpSlot = user;
        store = services.store().user(user);
        subscription = services.changes().subscribe(user, this::changed);
        state = State.AUTHENTICATED;
        conn.authenticated();
        return true;
    }

    /** Selects a mailbox: the previous one is closed (RFC 3501 [CLOSED] is the handler's). */
    public SelectedMailbox select(MailboxInfo info, boolean readOnly) {
        // Listen before reading, so a change committed in between is not missed; sync skips
        // what the read already contains.
        SelectedMailbox m = new SelectedMailbox(info, readOnly);
        selected = m;
        state = State.SELECTED;
        m.load(store.view(info.guid()), services.recent());
        return m;
    }

    public void unselect() {
        selected = null;
        state = State.AUTHENTICATED;
    }

    /** This session appended to its selected mailbox: the next sync reports it even if no event came yet. */
    public void appended(long uid) {
        SelectedMailbox s = selected;
        if (s != null) {
            s.noteAppended(uid);
        }
    }

    /** This session expunged from its selected mailbox (EXPUNGE, MOVE): report it at the next sync. */
    public void expunged(List<Long> uids) {
        SelectedMailbox s = selected;
        if (s != null) {
            s.noteExpunged(uids);
        }
    }

    public void logout() {
        out.writer().status(null, Condition.BYE, null, "Logging out");
        state = State.LOGOUT;
    }

    /** After the tagged OK of LOGOUT has been written. */
    public void closeAfterFlush() {
        out.flush();
        channel.close();
    }

    // ---- IDLE ----

    /** Enters IDLE: updates are pushed as they commit until the client sends DONE. */
    public void idle(String tag) {
        idleTag = tag;
        out.writer().continuation("idling");
        sync(true, false);
        readLine(this::idleLine);
    }

    private void idleLine(ImapSession self, String line) {
        String tag = idleTag;
        idleTag = null;
        if (line.equalsIgnoreCase("DONE")) {
            ok(tag, null, "Idle completed.");
        } else {
            bad(tag, "Expected DONE.");
        }
    }

    /** RFC 5465: the client's NOTIFY, null when it asked none (or NONE). */
    public NotifyState notifyState() {
        return notify;
    }

    public void setNotify(NotifyState state) {
        notify = state;
    }

    private void changed(List<ChangeRecord> changes) {
        SelectedMailbox s = selected;
        if (s != null) {
            s.offer(changes); // before a NOTIFY push can run and look for them
        }
        NotifyState n = notify;
        if (n != null) {
            noteForNotify(n, s, changes);
        }
        if (s == null) {
            return;
        }
        if (idleTag != null && wakeScheduled.compareAndSet(false, true)) {
            conn.add(() -> {
                wakeScheduled.set(false);
                if (idleTag != null && !conn.isClosed()) {
                    try {
                        sync(true, false);
                        out.flush();
                    } catch (SessionClosedException e) {
                        conn.markClosed();
                    }
                }
            });
        }
    }

    private void noteForNotify(NotifyState n, SelectedMailbox s, List<ChangeRecord> changes) {
        boolean any = false;
        for (ChangeRecord c : changes) {
            switch (c.type()) {
                case MAILBOX_CREATE, MAILBOX_UPDATE, MAILBOX_DELETE, SUBSCRIPTION -> {
                    n.namesChanged();
                    any = true;
                }
                case METADATA -> {
                    n.metadataChanged(c.mailbox());
                    any = true;
                }
                case APPEND, EXPUNGE, FLAGS -> {
                    if (s != null && s.guid().equals(c.mailbox())) {
                        if (n.selectedGroup() != null && !n.selectedGroup().events().isEmpty()) {
                            n.selectedChanged();
                            any = true;
                        }
                    } else if (c.mailbox() != null) {
                        n.mailboxChanged(c.mailbox(), c.type() == ChangeRecord.Type.FLAGS ? NotifyState.FLAGS
                                : NotifyState.MESSAGES);
                        any = true;
                    }
                }
                default -> { }
            }
        }
        if (any && notifyScheduled.compareAndSet(false, true)) {
            // Runs on the worker between commands (or during IDLE), never inside one.
            conn.add(() -> {
                notifyScheduled.set(false);
                if (notify != null && !conn.isClosed() && state != State.LOGOUT) {
                    try {
                        handler.notifications(this);
                        out.flush();
                    } catch (SessionClosedException e) {
                        conn.markClosed();
                    }
                }
            });
        }
    }

    // ---- STARTTLS ----

    /**
     * RFC 4978 COMPRESS DEFLATE: answers OK uncompressed, then both directions are raw deflate.
     * A second COMPRESS gets {@code NO [COMPRESSIONACTIVE]}.
     */
    public void compress(String tag) {
        if (compressed) {
            no(tag, ResponseCode.Simple.COMPRESSIONACTIVE, "DEFLATE active via COMPRESS.");
            return;
        }
        sync(false, false);
        out.writer().status(tag, Condition.OK, null, "DEFLATE active.");
        compressed = true;
        conn.compress(() -> new ImapFrameDecoder(settings.limits()));
    }

    /** Answers OK in clear text, then starts TLS before reading anything else. */
    public void startTls(String tag) {
        out.writer().status(tag, Condition.OK, null, "Begin TLS negotiation now.");
        tls = true;
        conn.startTls(services.tls(), () -> new ImapFrameDecoder(settings.limits()));
    }

    /** The bytes of one literal of the current command, in memory or spooled. */
    public MessageContent literal(ImapLiteral literal) {
        return literals.content(literal);
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("cannot unsubscribe", e);
            }
            subscription = null;
        }
    }

    /** One mapping of storage failures to IMAP response codes. */
    public static ResponseCode codeOf(StorageException e) {
        switch (e.kind()) {
            case NOT_FOUND:
                return ResponseCode.Simple.NONEXISTENT;
            case ALREADY_EXISTS:
                return ResponseCode.Simple.ALREADYEXISTS;
            case LIMIT:
                return ResponseCode.Simple.LIMIT;
            case INVALID:
                return ResponseCode.Simple.CANNOT;
            case CORRUPT:
                return ResponseCode.Simple.CORRUPTION;
            default:
                return ResponseCode.Simple.UNAVAILABLE;
        }
    }
}
