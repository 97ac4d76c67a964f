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
 * One simulated mail client, looping sessions until the budget runs out: connect, LOGIN,
 * SELECT INBOX, NOOP, FETCH 1:* (FLAGS), a few FETCH BODY.PEEK[HEADER], one FETCH BODY.PEEK[],
 * STORE +FLAGS/-FLAGS \Seen on that message, APPEND, now and then STORE \Deleted + EXPUNGE, and
 * LOGOUT. A closed loop: the next command goes out when the previous one is answered, so latency
 * under overload shows up as fewer ops/s rather than as a queue. Runs entirely on its
 * connection's event loop.
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
    record Mix(double expungeRate, int headers, int messageSize) { }

    private final int index;
    private final LoadUsers users;
    private final ImapClientGroup group;
    private final InetSocketAddress address;
    private final CommandStats stats;
    private final LoadBudget budget;
    private final Mix mix;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long appended;

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
