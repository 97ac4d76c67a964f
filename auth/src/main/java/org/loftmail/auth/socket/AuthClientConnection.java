package org.loftmail.auth.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.CredentialResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auth client (a Postfix smtpd process, say) on the socket: sends the handshake at once, as
 * Dovecot 2.3 does (Exim reads it before sending its own), then reads lines on its own thread
 * and walks the state machine VERSION → CPID → requests. Requests run concurrently and are
 * answered by ID; penalty waits and failure delays are timer tasks, password checks run on the
 * workers, so the reader is never held up by either. All request state is guarded by this object.
 */
final class AuthClientConnection implements AuthSocketServer.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(AuthClientConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Dovecot forgets a request the client has not continued within this long. */
    private static final long REQUEST_TIMEOUT_SECONDS = 150;
    /** Far above what a client that finishes its requests ever has open. */
    private static final int MAX_PENDING = 1000;

    private enum State { VERSION, CPID, READY }

    private static final class Request {
        final AuthClientCommand.Auth command;
        final SaslExchange exchange;
        boolean awaitingCont;
        /** Handed to a worker: the passdb has it, not the client. */
        boolean checking;
        ScheduledFuture<?> timeout;
        /** The user name as far as the exchange has learned it, for FAIL's user=. */
        String user;

        Request(AuthClientCommand.Auth command, SaslExchange exchange) {
            this.command = command;
            this.exchange = exchange;
        }
    }

    private final SocketChannel channel;
    private final long cuid;
    private final AuthServices services;
    private final Consumer<AuthSocketServer.Connection> onClose;
    private final Map<Long, Request> pending = new HashMap<>();
    private State state = State.VERSION;
    /** Set by the reader, read in log lines from timers and workers. */
    private volatile String clientPid = "?";
    private boolean closed;

    AuthClientConnection(SocketChannel channel, long cuid, AuthServices services,
                         Consumer<AuthSocketServer.Connection> onClose) {
        this.channel = channel;
        this.cuid = cuid;
        this.services = services;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            send(handshake());
            LineReader reader = new LineReader(channel, services.options().maxLineLength());
            String line;
            while ((line = reader.readLine()) != null) {
                handle(line);
            }
        } catch (LineReader.LineTooLongException e) {
            LOG.warn("auth: client {} (cuid {}) sent a line longer than {} bytes; disconnecting",
                    clientPid, cuid, services.options().maxLineLength());
        } catch (AuthProtocolException e) {
            LOG.warn("auth: BUG: client {} (cuid {}): {}; disconnecting", clientPid, cuid, e.getMessage());
        } catch (RejectedExecutionException e) {
            // The server is closing: its timers and workers are gone, and so is this connection.
        } catch (IOException e) {
            if (!isClosed()) {
                LOG.debug("auth: client {} (cuid {}) connection failed: {}", clientPid, cuid, e.toString());
            }
        } finally {
            close();
        }
    }

    /** Closes the connection; requests still pending are dropped and their timers with them. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Request r : pending.values()) {
                cancelTimeout(r);
            }
            pending.clear();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("auth: closing client {}: {}", clientPid, e.toString());
        }
        onClose.accept(this);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private String handshake() {
        StringBuilder b = new StringBuilder("VERSION\t1\t2\n");
        for (SaslExchange.Mechanism m : services.mechanisms()) {
            b.append("MECH\t").append(m.wireName()).append('\t').append(m.flags()).append('\n');
        }
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        b.append("SPID\t").append(services.spid()).append('\n')
                .append("CUID\t").append(cuid).append('\n')
                .append("COOKIE\t").append(HexFormat.of().formatHex(cookie)).append('\n')
                .append("DONE");
        return b.toString();
    }

    private void handle(String line) {
        AuthClientCommand command = AuthClientCommand.parse(line);
        switch (state) {
            case VERSION:
                if (!(command instanceof AuthClientCommand.Version) || ((AuthClientCommand.Version) command).major() != 1) {
                    throw new AuthProtocolException("client not compatible with this server (no VERSION 1 first)");
                }
                state = State.CPID;
                return;
            case CPID:
                if (!(command instanceof AuthClientCommand.Cpid)) {
                    throw new AuthProtocolException("unknown handshake command " + name(command));
                }
                clientPid = printable(((AuthClientCommand.Cpid) command).pid());
                state = State.READY;
                return;
            case READY:
                if (command instanceof AuthClientCommand.Auth) {
                    begin((AuthClientCommand.Auth) command);
                } else if (command instanceof AuthClientCommand.Cont) {
                    cont((AuthClientCommand.Cont) command);
                } else if (command instanceof AuthClientCommand.Cancel) {
                    cancel(((AuthClientCommand.Cancel) command).id());
                } else {
                    // Dovecot disconnects here too: a client sending what it was never offered
                    // is not speaking this protocol.
                    throw new AuthProtocolException("unknown command " + name(command));
                }
        }
    }

    private static String name(AuthClientCommand c) {
        return c instanceof AuthClientCommand.Unknown
                ? printable(((AuthClientCommand.Unknown) c).name()) : c.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /** Client text fit for one log line: control characters replaced, at most 80 characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? b.append("...").toString() : b.toString();
    }

    private void begin(AuthClientCommand.Auth a) {
        SaslExchange.Mechanism mechanism = SaslExchange.Mechanism.find(a.mechanism());
        if (mechanism == null || !services.mechanisms().contains(mechanism)) {
            // Clients only ask for what the handshake offered; Dovecot treats anything else as a bug.
            throw new AuthProtocolException("unsupported authentication mechanism " + printable(a.mechanism()));
        }
        Request r = new Request(a, new SaslExchange(mechanism));
        byte[] initial;
        synchronized (this) {
            if (pending.containsKey(a.id())) {
                throw new AuthProtocolException("duplicate request ID " + a.id());
            }
            if (pending.size() >= MAX_PENDING) {
                throw new AuthProtocolException("more than " + MAX_PENDING + " requests pending");
            }
            pending.put(a.id(), r);
            r.timeout = services.timers().schedule(() -> expire(r), REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            initial = null;
            if (a.initialResponse() != null) {
                initial = base64(a.initialResponse());
                if (initial == null) {
                    failNow(r, "Invalid base64 data in initial response");
                    return;
                }
            }
        }
        long wait = a.noPenalty() ? 0 : services.penalty().delayMillis(a.remote());
        byte[] response = initial;
        if (wait > 0) {
            // Dovecot's auth penalty: an address that keeps failing waits before its attempt even starts.
            services.timers().schedule(() -> start(r, response), wait, TimeUnit.MILLISECONDS);
        } else {
            start(r, response);
        }
    }

    private synchronized void start(Request r, byte[] initial) {
        if (pending.get(r.command.id()) == r) {
            proceed(r, r.exchange.initial(initial));
        }
    }

    private synchronized void cont(AuthClientCommand.Cont c) {
        Request r = pending.get(c.id());
        if (r == null) {
            send("FAIL\t" + c.id() + "\treason=Authentication request timed out");
            return;
        }
        if (!r.awaitingCont) {
            failNow(r, "Unexpected continuation");
            return;
        }
        r.awaitingCont = false;
        byte[] data = base64(c.data());
        if (data == null) {
            failNow(r, "Invalid base64 data in continued response");
            return;
        }
        proceed(r, r.exchange.respond(data));
    }

    private synchronized void cancel(long id) {
        Request r = pending.remove(id);
        if (r != null) {
            cancelTimeout(r);
        }
    }

    private synchronized void expire(Request r) {
        if (!pending.remove(r.command.id(), r)) {
            return;
        }
        if (r.checking) {
            // The passdb hangs; the client is waiting for an answer and gets a temporary failure.
            LOG.warn("auth: password check for request {} of client {} took over {} s; failing it",
                    r.command.id(), clientPid, REQUEST_TIMEOUT_SECONDS);
            send("FAIL\t" + r.command.id() + "\ttemp\tcode=temp_fail\treason=Authentication request timed out");
        } else {
            // Like Dovecot: a client that did not continue is forgotten without a word.
            LOG.info("auth: client {} did not continue request {} within {} s; forgotten",
                    clientPid, r.command.id(), REQUEST_TIMEOUT_SECONDS);
        }
    }

    /** Holding the lock. */
    private void proceed(Request r, SaslExchange.Step step) {
        if (step instanceof SaslExchange.Challenge) {
            r.awaitingCont = true;
            send("CONT\t" + r.command.id() + "\t"
                    + Base64.getEncoder().encodeToString(((SaslExchange.Challenge) step).data()));
        } else if (step instanceof SaslExchange.Credentials) {
            SaslExchange.Credentials c = (SaslExchange.Credentials) step;
            r.user = c.user();
            r.checking = true;
            try {
                services.workers().execute(() -> check(r, c));
            } catch (RejectedExecutionException e) {
                // The server is shutting down.
                cancel(r.command.id());
            }
        } else if (step instanceof SaslExchange.NeedCredential) {
            SaslExchange.NeedCredential n = (SaslExchange.NeedCredential) step;
            r.user = n.user();
            r.checking = true;
            try {
                services.workers().execute(() -> lookUp(r, n));
            } catch (RejectedExecutionException e) {
                cancel(r.command.id());
            }
        } else if (step instanceof SaslExchange.Verified) {
            SaslExchange.Verified v = (SaslExchange.Verified) step;
            finish(r, new AuthResult.Success(v.user()), v.serverData());
        } else {
            SaslExchange.Malformed m = (SaslExchange.Malformed) step;
            if (m.user() != null) {
                r.user = m.user();
            }
            finish(r, new AuthResult.Failure(m.reason()), null);
        }
    }

    /** On a worker: a challenge-response mechanism's stored credential; the lookup may block. */
    private void lookUp(Request r, SaslExchange.NeedCredential n) {
        CredentialResult found;
        try {
            found = services.credentials().lookup(n.user(), n.scheme());
        } catch (RuntimeException e) {
            LOG.error("auth: credential lookup failed for user=<{}>", printable(n.user()), e);
            found = new CredentialResult.Unavailable(e.toString());
        }
        synchronized (this) {
            if (pending.get(r.command.id()) != r) {
                return;
            }
            r.checking = false;
            if (found instanceof CredentialResult.Found) {
                proceed(r, r.exchange.credential((CredentialResult.Found) found));
            } else if (found instanceof CredentialResult.Unavailable) {
                finish(r, new AuthResult.Unavailable(((CredentialResult.Unavailable) found).reason()), null);
            } else {
                finish(r, new AuthResult.Failure(((CredentialResult.Failure) found).reason()), null);
            }
        }
    }

    /** On a worker: the check may block. */
    private void check(Request r, SaslExchange.Credentials c) {
        AuthClientCommand.Auth a = r.command;
        AuthResult result;
        try {
            result = services.authenticator().authenticate(
                    new AuthRequest(c.user(), c.password(), a.service(), a.remote(), a.secured(), c.loginAs()));
        } catch (RuntimeException e) {
            LOG.error("auth: passdb failed for user=<{}>", printable(c.user()), e);
            result = new AuthResult.Unavailable(e.toString());
        }
        synchronized (this) {
            if (pending.get(a.id()) == r) {
                finish(r, result, null);
            }
        }
    }

    /**
     * Holding the lock: answers a checked (or malformed) credential; {@code serverData} is the
     * mechanism's last message (SCRAM's server-final), sent in OK's {@code resp} as Dovecot does.
     */
    private void finish(Request r, AuthResult result, byte[] serverData) {
        AuthClientCommand.Auth a = r.command;
        pending.remove(a.id());
        cancelTimeout(r);
        String mech = r.exchange.mechanism().wireName();
        if (result instanceof AuthResult.Success) {
            String user = ((AuthResult.Success) result).user().name();
            if (!a.noPenalty()) {
                services.penalty().succeeded(a.remote());
            }
            LOG.info("auth: {}({}): login: user=<{}>, method={}, rip={}, lip={}{}", printable(a.service()), clientPid, printable(user),
                    mech, address(a.remote()), address(a.local()), a.secured() ? ", secured" : "");
            send("OK\t" + a.id() + "\tuser=" + TabEscape.escape(user)
                    + (serverData == null ? "" : "\tresp=" + Base64.getEncoder().encodeToString(serverData)));
            return;
        }
        StringBuilder fail = new StringBuilder("FAIL\t").append(a.id());
        if (r.user != null) {
            fail.append("\tuser=").append(TabEscape.escape(r.user));
        }
        if (result instanceof AuthResult.Unavailable) {
            LOG.warn("auth: {}({}): temporary failure: user=<{}>, method={}, rip={}: {}", printable(a.service()), clientPid,
                    printable(r.user), mech, address(a.remote()), ((AuthResult.Unavailable) result).reason());
            // "temp" is what protocol 1.1 clients (Postfix, Exim) know; code=temp_fail is 1.3's name.
            fail.append("\ttemp\tcode=temp_fail\treason=Temporary authentication failure.");
        } else {
            // A database outage is not the client's fault; only real failures feed the penalty.
            if (!a.noPenalty()) {
                services.penalty().failed(a.remote());
            }
            LOG.info("auth: {}({}): login failed: user=<{}>, method={}, rip={}: {}", printable(a.service()), clientPid,
                    printable(r.user), mech, address(a.remote()), ((AuthResult.Failure) result).reason());
        }
        String line = fail.toString();
        long delay = services.options().failureDelay().toMillis();
        // Never answer a failure at once: it would time the password check and invite flooding.
        if (delay > 0) {
            try {
                services.timers().schedule(() -> send(line), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Shutting down: the connection is about to close anyway.
            }
        } else {
            send(line);
        }
    }

    /** Holding the lock: a protocol-level failure, answered at once as Dovecot does. */
    private void failNow(Request r, String reason) {
        pending.remove(r.command.id());
        cancelTimeout(r);
        LOG.info("auth: {}({}): {} (request {})", printable(r.command.service()), clientPid, reason, r.command.id());
        send("FAIL\t" + r.command.id() + "\treason=" + TabEscape.escape(reason));
    }

    private static void cancelTimeout(Request r) {
        if (r.timeout != null) {
            r.timeout.cancel(false);
        }
    }

    /** Decodes base64, where "=" is the empty message; null if it is not base64. */
    private static byte[] base64(String text) {
        if (text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String address(InetAddress a) {
        return a == null ? "" : a.getHostAddress();
    }

    /**
     * Writes one line. Called under the lock from timers and workers as well as the reader, so
     * replies never interleave; a client that stops reading eventually blocks its own connection only.
     */
    private synchronized void send(String line) {
        if (closed) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            LOG.debug("auth: writing to client {} failed: {}", clientPid, e.toString());
            close();
        }
    }
}
