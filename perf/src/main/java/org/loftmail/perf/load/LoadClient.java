package org.loftmail.perf.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One simulated mail client, looping sessions until the budget runs out. What a session does is
 * its {@link Workload}:
 * <ul>
 * <li>{@code MIXED}: connect, LOGIN, SELECT INBOX, NOOP, FETCH 1:* (FLAGS), a few FETCH
 * BODY.PEEK[HEADER], one FETCH BODY.PEEK[], STORE +FLAGS/-FLAGS \Seen on that message, APPEND,
 * now and then STORE \Deleted + EXPUNGE, and LOGOUT;</li>
 * <li>{@code WEBMAIL}: a webmail front end opening a large mailbox: SELECT, SORT (REVERSE DATE),
 * a page of envelopes, THREAD REFERENCES, SEARCH on a header, SORT (SUBJECT) of the unseen
 * messages, one message body, LOGOUT;</li>
 * <li>{@code SYNC}: a caching client (a phone) that resynchronises: ENABLE QRESYNC, SELECT with
 * the UIDVALIDITY and HIGHESTMODSEQ it kept from its last session (its first session does a full
 * SELECT (CONDSTORE) and FETCH 1:* (UID FLAGS MODSEQ)), flags a message, NOOP, UID FETCH
 * (CHANGEDSINCE) of what changed, LOGOUT.</li>
 * </ul>
 * A closed loop: the next command goes out when the previous one is answered, so latency under
 * overload shows up as fewer ops/s rather than as a queue. Runs entirely on its connection's
 * event loop.
 */
final class LoadClient {
    /** What the client does in a session; {@code send} returns null to skip the step. */
    private record Step(LoadCommand command, Function<ImapConnection, CompletableFuture<ImapReply>> send,
                        boolean required) { }

    /**
     * @param expungeRate  share of sessions that delete a message and EXPUNGE
     * @param headers      FETCH BODY.PEEK[HEADER] commands per session
     * @param messageSize  bytes of each APPENDed message
     */
    record Mix(double expungeRate, int headers, int messageSize, Workload workload, String mailbox) {
        Mix(double expungeRate, int headers, int messageSize) {
            this(expungeRate, headers, messageSize, Workload.MIXED, "INBOX");
        }
    }

    /** The session scripts. */
    enum Workload { MIXED, WEBMAIL, SYNC }

    private final int index;
    private final LoadUsers users;
    private final ImapClientGroup group;
    private final InetSocketAddress address;
    private final CommandStats stats;
    private final LoadBudget budget;
    private final Mix mix;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long appended;
    /** SYNC: what this client kept from its last session (0 before the first). */
    private long knownUidValidity;
    private long knownModSeq;

    LoadClient(int index, LoadUsers users, ImapClientGroup group, InetSocketAddress address, CommandStats stats,
               LoadBudget budget, Mix mix) {
        this.index = index;
        this.users = users;
        this.group = group;
        this.address = address;
        this.stats = stats;
        this.budget = budget;
        this.mix = mix;
    }

    /** Starts looping; completes when the budget is spent and the last session has logged out. */
    CompletableFuture<Void> start() {
        session();
        return finished;
    }

    private void session() {
        if (budget.over()) {
            finished.complete(null);
            return;
        }
        long t0 = System.nanoTime();
        group.connect(address).whenComplete((c, e) -> {
            if (e != null) {
                stats.unanswered(LoadCommand.CONNECT, e);
                // A refused connection fails at once: pause so a dead server is not hammered.
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(this::session);
                return;
            }
            stats.connected(System.nanoTime() - t0);
            run(c, script().iterator(), false);
        });
    }

    private List<Step> script() {
        return switch (mix.workload()) {
            case WEBMAIL -> webmail();
            case SYNC -> sync();
            default -> mixed();
        };
    }

    private List<Step> webmail() {
        String box = mix.mailbox();
        List<Step> s = new ArrayList<>();
        s.add(new Step(LoadCommand.LOGIN, c -> c.command(users.login(index)), true));
        s.add(new Step(LoadCommand.SELECT, c -> c.command("SELECT \"" + box + "\""), true));
        s.add(new Step(LoadCommand.SORT, c -> c.command("SORT (REVERSE DATE) UTF-8 ALL"), false));
        s.add(new Step(LoadCommand.FETCH_ENVELOPE, c -> c.exists() > 0 ? c.command("FETCH " + page(c)
                + " (UID FLAGS ENVELOPE RFC822.SIZE)") : null, false));
        s.add(new Step(LoadCommand.THREAD, c -> c.command("THREAD REFERENCES UTF-8 ALL"), false));
        s.add(new Step(LoadCommand.SEARCH, c -> c.command("SEARCH SUBJECT \"budget\""), false));
        s.add(new Step(LoadCommand.SORT, c -> c.command("SORT (SUBJECT) UTF-8 UNSEEN"), false));
        s.add(new Step(LoadCommand.FETCH_BODY, c -> c.exists() > 0 ? c.command("FETCH " + random(c)
                + " BODY.PEEK[]") : null, false));
        return s;
    }

    /** 50 consecutive sequence numbers, as one page of a message list. */
    private static String page(ImapConnection c) {
        long first = random(c);
        return first + ":" + Math.min(c.exists(), first + 49);
    }

    private List<Step> sync() {
        String box = mix.mailbox();
        List<Step> s = new ArrayList<>();
        s.add(new Step(LoadCommand.LOGIN, c -> c.command(users.login(index)), true));
        s.add(new Step(LoadCommand.ENABLE, c -> c.command("ENABLE QRESYNC"), true));
        boolean first = knownUidValidity == 0;
        s.add(new Step(LoadCommand.SELECT_QRESYNC, c -> c.command(first ? "SELECT \"" + box + "\" (CONDSTORE)"
                : "SELECT \"" + box + "\" (QRESYNC (" + knownUidValidity + " " + knownModSeq + "))"), true));
        if (first) {
            s.add(new Step(LoadCommand.FETCH_FLAGS, c -> c.exists() > 0 ? c.command("FETCH 1:* (UID FLAGS MODSEQ)")
                    : null, false));
        }
        // What the client kept is what SELECT said, before its own change: that comes back next time.
        s.add(new Step(LoadCommand.STORE, c -> {
            knownUidValidity = c.uidValidity();
            knownModSeq = c.highestModSeq();
            return c.exists() > 0 ? c.command("STORE " + random(c) + " "
                    + (ThreadLocalRandom.current().nextBoolean() ? "+" : "-") + "FLAGS (\\Flagged)") : null;
        }, false));
        s.add(new Step(LoadCommand.NOOP, c -> c.command("NOOP"), false));
        s.add(new Step(LoadCommand.FETCH_CHANGED, c -> c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE "
                + Math.max(1, knownModSeq) + ")"), false));
        return s;
    }

    private List<Step> mixed() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long[] message = new long[1];
        List<Step> s = new ArrayList<>();
        s.add(new Step(LoadCommand.LOGIN, c -> c.command(users.login(index)), true));
        s.add(new Step(LoadCommand.SELECT, c -> c.command("SELECT INBOX"), true));
        s.add(new Step(LoadCommand.NOOP, c -> c.command("NOOP"), false));
        s.add(new Step(LoadCommand.FETCH_FLAGS, c -> c.exists() > 0 ? c.command("FETCH 1:* (FLAGS)") : null, false));
        for (int i = 0; i < mix.headers(); i++) {
            s.add(new Step(LoadCommand.FETCH_HEADER,
                    c -> c.exists() > 0 ? c.command("FETCH " + random(c) + " BODY.PEEK[HEADER]") : null, false));
        }
        // Read one message and mark it read, then unread: FETCH and STORE never report
        // expunges, so the sequence number stays valid across the three.
        s.add(new Step(LoadCommand.FETCH_BODY, c -> {
            message[0] = c.exists() > 0 ? random(c) : 0;
            return message[0] > 0 ? c.command("FETCH " + message[0] + " BODY.PEEK[]") : null;
        }, false));
        s.add(new Step(LoadCommand.STORE,
                c -> message[0] > 0 ? c.command("STORE " + message[0] + " +FLAGS (\\Seen)") : null, false));
        s.add(new Step(LoadCommand.STORE,
                c -> message[0] > 0 ? c.command("STORE " + message[0] + " -FLAGS (\\Seen)") : null, false));
        s.add(new Step(LoadCommand.APPEND, c -> c.command("APPEND INBOX",
                SampleMessage.of(((long) index << 32) + appended++, users.name(index), mix.messageSize())), false));
        if (rnd.nextDouble() < mix.expungeRate()) {
            s.add(new Step(LoadCommand.STORE,
                    c -> c.exists() > 0 ? c.command("STORE " + random(c) + " +FLAGS.SILENT (\\Deleted)") : null, false));
            s.add(new Step(LoadCommand.EXPUNGE, c -> c.command("EXPUNGE"), false));
        }
        return s;
    }

    private static long random(ImapConnection c) {
        return 1 + ThreadLocalRandom.current().nextLong(c.exists());
    }

    /**
     * Sends the next step when the previous one is answered. A command without an answer ends
     * the session; a failed LOGIN or SELECT logs out and starts a new one.
     */
    private void run(ImapConnection c, Iterator<Step> steps, boolean loggedIn) {
        while (steps.hasNext()) {
            Step step = steps.next();
            if (!budget.take()) {
                logout(c, loggedIn);
                return;
            }
            CompletableFuture<ImapReply> reply = step.send().apply(c);
            if (reply == null) {
                continue;
            }
            reply.whenComplete((r, e) -> {
                if (e != null) {
                    stats.unanswered(step.command(), e);
                    c.close();
                    session();
                } else {
                    stats.answered(step.command(), r);
                    if (step.required() && !r.ok()) {
                        logout(c, true);
                    } else {
                        run(c, steps, loggedIn || step.command() == LoadCommand.LOGIN);
                    }
                }
            });
            return;
        }
        logout(c, loggedIn);
    }

    /**
     * LOGOUT when {@code send} (even past the budget, so the server sees a clean end; not
     * counted against it), then the next session.
     */
    private void logout(ImapConnection c, boolean send) {
        if (!send) {
            c.close();
            session();
            return;
        }
        c.command("LOGOUT").whenComplete((r, e) -> {
            if (e != null) {
                stats.unanswered(LoadCommand.LOGOUT, e);
            } else {
                stats.answered(LoadCommand.LOGOUT, r);
            }
            c.close();
            session();
        });
    }
}
