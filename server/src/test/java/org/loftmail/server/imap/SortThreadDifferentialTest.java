package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mime.Casemap;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;

/**
 * SORT and THREAD over IMAP on 5,000 generated messages against a plain implementation here
 * that works from what the generator chose (base subject, addresses, dates, references), with
 * comparators and recursion, not from the headers or the index.
 */
class SortThreadDifferentialTest {
    private static final int N = 5000;
    private static final String[] BASES = {"lunch", "Budget 2024", "quarterly numbers", "caf\u00e9 menu", "Party",
        "build failed", "\u00dcber uns", "ZEBRA", "zebra crossing", "_underscore", "A", "a b", "[tag]"};
    private static final String[] NAMES = {"Adam", "bob", "Carol Smith", "\u00c9mile", "zed", "Dee", "_x"};
    private static final String[] LOCALS = {"adam", "Bob", "carol", "emile", "zed", "dee", "x_y", "Z"};

    @TempDir
    Path dir;
    ImapTestServer server;
    final List<Msg> msgs = new ArrayList<>();
    final Random rnd = new Random(5256);
    final Instant epoch = Instant.parse("2024-01-01T00:00:00Z");
    UserStore alice;
    MailboxInfo inbox;

    /** What the generator decided for one message; {@code seq} is also its UID. */
    record Msg(int seq, String id, List<String> refs, String base, boolean reply, String fromLocal, String fromName,
               String toLocal, String toName, String ccLocal, long sent, long arrival, long size) {
    }

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir, "mail_fsync = never\n", ImapSettings.DEFAULTS.withTimeouts(
                Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(200)));
        alice = server.node.store().user(new UserId("alice"));
        inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        for (int seq = 1; seq <= N; seq++) {
            generate(seq);
        }
    }

    /** Generates, appends and records message {@code seq} (also its UID). */
    private void generate(int seq) {
        Msg parent = msgs.isEmpty() || rnd.nextInt(10) < 4 ? null : msgs.get(rnd.nextInt(msgs.size()));
        String id = rnd.nextInt(50) == 0 ? null : rnd.nextInt(50) == 0 && !msgs.isEmpty()
                ? msgs.get(rnd.nextInt(msgs.size())).id() : "m" + seq + "@gen";
        List<String> refs = new ArrayList<>();
        if (parent != null) {
            refs.addAll(parent.refs());
            if (parent.id() != null) {
                refs.add(parent.id());
            }
            while (refs.size() > 1 && rnd.nextInt(4) == 0) {
                refs.remove(0);
            }
        } else if (rnd.nextInt(15) == 0) {
            refs.add("missing" + rnd.nextInt(40) + "@gen");
        }
        if (id != null && rnd.nextInt(100) == 0) {
            refs.add(id);
        }
        String base = parent != null && rnd.nextInt(5) > 0 ? parent.base() : BASES[rnd.nextInt(BASES.length)];
        boolean reply = parent != null ? rnd.nextInt(6) > 0 : rnd.nextInt(8) == 0;
        int from = rnd.nextInt(LOCALS.length + 1);
        int to = rnd.nextInt(LOCALS.length + 1);
        int cc = rnd.nextInt(LOCALS.length * 2);
        String fromName = rnd.nextBoolean() ? NAMES[rnd.nextInt(NAMES.length)] : null;
        String toName = rnd.nextBoolean() ? NAMES[rnd.nextInt(NAMES.length)] : null;
        boolean hasDate = rnd.nextInt(20) > 0;
        Instant sent = epoch.plusSeconds(60L * rnd.nextInt(3000));
        Instant arrival = epoch.plusSeconds(60L * rnd.nextInt(3000));
        StringBuilder h = new StringBuilder();
        if (id != null) {
            h.append("Message-ID: <").append(id).append(">\r\n");
        }
        if (!refs.isEmpty()) {
            if (refs.size() == 1 && rnd.nextBoolean()) {
                h.append("In-Reply-To: <").append(refs.get(0)).append(">\r\n");
            } else {
                h.append("References:");
                for (String r : refs) {
                    h.append(rnd.nextInt(5) == 0 ? "\r\n " : " ").append('<').append(r).append('>');
                }
                h.append("\r\n");
            }
        }
        String fromLocal = from < LOCALS.length ? LOCALS[from] : null;
        String toLocal = to < LOCALS.length ? LOCALS[to] : null;
        String ccLocal = cc < LOCALS.length ? LOCALS[cc] : null;
        address(h, "From", fromName, fromLocal);
        address(h, "To", toName, toLocal);
        address(h, "Cc", null, ccLocal);
        h.append("Subject: ").append(subject(rnd, base, reply)).append("\r\n");
        if (hasDate) {
            int offset = rnd.nextInt(25) - 12;
            h.append("Date: ").append(sent.atOffset(ZoneOffset.ofHours(offset))
                    .format(DateTimeFormatter.RFC_1123_DATE_TIME)).append("\r\n");
        }
        String message = h + "\r\n" + "body ".repeat(rnd.nextInt(200)) + "\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        long uid = alice.append(inbox.guid(), MessageContent.of(bytes), Flags.NONE, arrival.toEpochMilli()).uid();
        assertEquals(seq, uid);
        msgs.add(new Msg(seq, id, List.copyOf(refs), base, reply, fromLocal, fromName, toLocal, toName, ccLocal,
                hasDate ? sent.toEpochMilli() : arrival.toEpochMilli(), arrival.toEpochMilli(), bytes.length));
    }

    private static void address(StringBuilder h, String field, String name, String local) {
        if (local == null) {
            return;
        }
        h.append(field).append(": ");
        if (name != null) {
            h.append(isAscii(name) ? "\"" + name + "\"" : "=?UTF-8?B?" + java.util.Base64.getEncoder()
                    .encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?=").append(" <");
        }
        h.append(local).append("@example.org");
        h.append(name != null ? ">" : "").append("\r\n");
    }

    /** The base subject dressed the way mail clients and lists dress it. */
    private static String subject(Random rnd, String base, boolean reply) {
        String s = base;
        if (reply) {
            String[] forms = {"Re: %s", "RE: %s", "Fwd: %s", "Re[2]: %s", "[list] Re: %s", "%s (fwd)", "Re: Re: %s",
                "[Fwd: %s]"};
            s = String.format(forms[rnd.nextInt(forms.length)], s);
        } else if (rnd.nextInt(4) == 0) {
            s = "[list] " + s;
        }
        if (rnd.nextInt(3) == 0) {
            s = s.toUpperCase(java.util.Locale.ROOT);
        }
        if (!isAscii(s) || rnd.nextInt(6) == 0) {
            s = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
        }
        return s;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- the plain implementation ----

    private static byte[] key(String s) {
        return s == null ? new byte[0] : Casemap.key(s).getBytes(StandardCharsets.UTF_8);
    }

    private static Comparator<Msg> criterion(String name) {
        Function<Msg, byte[]> text = switch (name) {
            case "SUBJECT" -> m -> key(m.base());
            case "FROM" -> m -> key(m.fromLocal());
            case "TO" -> m -> key(m.toLocal());
            case "CC" -> m -> key(m.ccLocal());
            case "DISPLAYFROM" -> m -> key(display(m.fromName(), m.fromLocal()));
            case "DISPLAYTO" -> m -> key(display(m.toName(), m.toLocal()));
            default -> null;
        };
        if (text != null) {
            return (a, b) -> Arrays.compareUnsigned(text.apply(a), text.apply(b));
        }
        return switch (name) {
            case "DATE" -> Comparator.comparingLong(Msg::sent);
            case "ARRIVAL" -> Comparator.comparingLong(Msg::arrival);
            case "SIZE" -> Comparator.comparingLong(Msg::size);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String display(String name, String local) {
        return local == null ? null : name != null ? name : local + "@example.org";
    }

    private String plainSort(String criteria) {
        Comparator<Msg> order = null;
        String[] words = criteria.split(" ");
        for (int i = 0; i < words.length; i++) {
            boolean reverse = words[i].equals("REVERSE");
            Comparator<Msg> c = criterion(words[reverse ? ++i : i]);
            c = reverse ? c.reversed() : c;
            order = order == null ? c : order.thenComparing(c);
        }
        List<Msg> sorted = new ArrayList<>(msgs);
        sorted.sort(order.thenComparingInt(Msg::seq));
        StringBuilder b = new StringBuilder("* SORT");
        sorted.forEach(m -> b.append(' ').append(m.seq()));
        return b.toString();
    }

    /** A container of RFC 5256 REFERENCES step 1: a message, or a dummy when {@code seq} is 0. */
    private static final class Node {
        int seq;
        Node parent;
        final List<Node> kids = new ArrayList<>();
    }

    private static boolean reaches(Node from, Node target) {
        return from != null && (from == target || reaches(from.parent, target));
    }

    private static void link(Node parent, Node child) {
        child.parent = parent;
        parent.kids.add(child);
    }

    private String plainThreadReferences(boolean mergeSubjects) {
        Map<String, Node> ids = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (Msg m : msgs) {
            Node self = m.id() == null ? null : ids.get(m.id());
            if (self != null && self.seq == 0) {
                self.seq = m.seq();
            } else {
                self = new Node();
                self.seq = m.seq();
                nodes.add(self);
                if (m.id() != null && !ids.containsKey(m.id())) {
                    ids.put(m.id(), self);
                }
            }
            Node last = null;
            for (String r : m.refs()) {
                Node c = ids.get(r);
                if (c == null) {
                    c = new Node();
                    ids.put(r, c);
                    nodes.add(c);
                }
                if (last != null && c.parent == null && !reaches(last, c)) {
                    link(last, c);
                }
                last = c;
            }
            if (self.parent != null) {
                self.parent.kids.remove(self);
                self.parent = null;
            }
            if (last != null && !reaches(last, self)) {
                link(last, self);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : nodes) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        roots = prune(roots, true);
        sortTree(roots);
        if (mergeSubjects) {
            roots = merge(roots);
            sortTree(roots);
        } else {
            roots.sort(Comparator.comparingLong((Node r) -> newest(r)[0]).thenComparingLong(r -> newest(r)[1]));
        }
        StringBuilder b = new StringBuilder("* THREAD");
        if (!roots.isEmpty()) {
            b.append(' ');
        }
        for (Node r : roots) {
            b.append('(');
            render(r, b);
            b.append(')');
        }
        return b.toString();
    }

    private List<Node> prune(List<Node> level, boolean root) {
        List<Node> out = new ArrayList<>();
        for (Node n : level) {
            List<Node> kids = prune(n.kids, false);
            n.kids.clear();
            kids.forEach(k -> link(n, k));
            if (n.seq != 0) {
                out.add(n);
            } else if (!kids.isEmpty() && root && kids.size() > 1) {
                out.add(n);
            } else {
                for (Node k : kids) {
                    k.parent = n.parent;
                    out.add(k);
                }
            }
        }
        return out;
    }

    private Msg msg(Node n) {
        return msgs.get((n.seq == 0 ? n.kids.get(0).seq : n.seq) - 1);
    }

    private List<Node> merge(List<Node> roots) {
        Map<String, Node> table = new HashMap<>();
        for (Node r : roots) {
            String s = Casemap.key(msg(r).base());
            Node t = table.get(s);
            if (t == null || (t.seq != 0 && (r.seq == 0 || (msg(t).reply() && !msg(r).reply())))) {
                table.put(s, r);
            }
        }
        List<Node> out = new ArrayList<>(roots);
        for (Node r : roots) {
            Node t = table.get(Casemap.key(msg(r).base()));
            if (t == r) {
                continue;
            }
            if (t.seq == 0 && r.seq == 0) {
                r.kids.forEach(k -> link(t, k));
                r.kids.clear();
                out.remove(r);
            } else if (t.seq == 0 || (msg(r).reply() && !msg(t).reply())) {
                link(t, r);
                out.remove(r);
            } else {
                Node d = new Node();
                out.set(out.indexOf(t), d);
                out.remove(r);
                link(d, t);
                link(d, r);
                table.put(Casemap.key(msg(r).base()), d);
            }
        }
        return out;
    }

    private final Comparator<Node> byDate = Comparator.comparingLong((Node n) -> msg(n).sent()).thenComparingInt(n -> msg(n).seq());

    private void sortTree(List<Node> level) {
        for (Node n : level) {
            sortTree(n.kids);
        }
        level.sort(byDate);
    }

    private long[] newest(Node n) {
        long[] best = n.seq == 0 ? new long[] {Long.MIN_VALUE, 0} : new long[] {msg(n).sent(), n.seq};
        for (Node k : n.kids) {
            long[] b = newest(k);
            if (b[0] > best[0] || (b[0] == best[0] && b[1] < best[1])) {
                best = b;
            }
        }
        return best;
    }

    private static void render(Node n, StringBuilder b) {
        if (n.seq != 0) {
            b.append(n.seq);
        }
        if (n.kids.size() == 1) {
            if (n.seq != 0) {
                b.append(' ');
            }
            render(n.kids.get(0), b);
        } else if (n.kids.size() > 1) {
            if (n.seq != 0) {
                b.append(' ');
            }
            for (Node k : n.kids) {
                b.append('(');
                render(k, b);
                b.append(')');
            }
        }
    }

    private String plainOrderedSubject() {
        List<Msg> sorted = new ArrayList<>(msgs);
        sorted.sort(criterion("SUBJECT").thenComparing(criterion("DATE")).thenComparingInt(Msg::seq));
        List<List<Msg>> threads = new ArrayList<>();
        for (Msg m : sorted) {
            List<Msg> last = threads.isEmpty() ? null : threads.get(threads.size() - 1);
            if (last != null && Arrays.equals(key(last.get(0).base()), key(m.base()))) {
                last.add(m);
            } else {
                threads.add(new ArrayList<>(List.of(m)));
            }
        }
        threads.sort(Comparator.comparingLong((List<Msg> t) -> t.get(0).sent()).thenComparingInt(t -> t.get(0).seq()));
        StringBuilder b = new StringBuilder("* THREAD");
        if (!threads.isEmpty()) {
            b.append(' ');
        }
        for (List<Msg> t : threads) {
            b.append('(').append(t.get(0).seq());
            if (t.size() == 2) {
                b.append(' ').append(t.get(1).seq());
            } else if (t.size() > 2) {
                b.append(' ');
                t.subList(1, t.size()).forEach(m -> b.append('(').append(m.seq()).append(')'));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String answer(Transcript t, String tag, String command) {
        t.send(tag + " " + command);
        String line = t.readLine();
        t.expectLine(tag + " OK <*>");
        return line;
    }

    @Test
    void sortMatchesThePlainImplementation() {
        try (Transcript t = server.login("alice")) {
            t.send("a SELECT INBOX");
            t.readUntil("a OK");
            for (String criteria : List.of("DATE", "ARRIVAL", "SIZE", "SUBJECT", "FROM", "TO", "CC", "DISPLAYFROM",
                    "DISPLAYTO", "REVERSE DATE", "SUBJECT DATE", "REVERSE SUBJECT DATE", "FROM REVERSE SIZE",
                    "SUBJECT REVERSE ARRIVAL TO", "CC DISPLAYTO REVERSE FROM DATE")) {
                assertEquals(plainSort(criteria), answer(t, "s", "SORT (" + criteria + ") UTF-8 ALL"), criteria);
            }
        }
    }

    @Test
    void threadMatchesThePlainImplementation() {
        try (Transcript t = server.login("alice")) {
            t.send("a SELECT INBOX");
            t.readUntil("a OK");
            assertEquals(plainOrderedSubject(), answer(t, "t1", "THREAD ORDEREDSUBJECT UTF-8 ALL"));
            assertEquals(plainThreadReferences(false), answer(t, "t3", "THREAD REFS UTF-8 ALL"));
            assertEquals(plainThreadReferences(true), answer(t, "t2", "THREAD REFERENCES UTF-8 ALL"));
        }
    }

    /**
     * The node keeps the orders and thread keys of this mailbox (it has over 1,000 messages) and
     * takes new mail into them instead of reading them again: after each arrival SORT and THREAD
     * must still give what the plain implementation gives for all messages, ties included.
     */
    @Test
    void keptOrdersTakeInNewMailExactly() {
        List<String> criteria = List.of("DATE", "ARRIVAL", "SIZE", "SUBJECT", "FROM", "TO", "CC", "DISPLAYFROM",
                "DISPLAYTO", "REVERSE SUBJECT DATE");
        try (Transcript t = server.login("alice")) {
            t.send("a SELECT INBOX");
            t.readUntil("a OK");
            for (String c : criteria) {
                assertEquals(plainSort(c), answer(t, "s", "SORT (" + c + ") UTF-8 ALL"), c);
            }
            assertEquals(plainThreadReferences(true), answer(t, "t", "THREAD REFERENCES UTF-8 ALL"));
            for (int round = 0; round < 4; round++) {
                int arrivals = round == 0 ? 1 : 1 + rnd.nextInt(15);
                for (int i = 0; i < arrivals; i++) {
                    generate(msgs.size() + 1);
                }
                t.send("n NOOP");
                t.readUntil("n OK");
                for (String c : criteria) {
                    assertEquals(plainSort(c), answer(t, "s", "SORT (" + c + ") UTF-8 ALL"), c + " after round " + round);
                }
                assertEquals(plainThreadReferences(true), answer(t, "t", "THREAD REFERENCES UTF-8 ALL"),
                        "after round " + round);
            }
        }
    }
}
