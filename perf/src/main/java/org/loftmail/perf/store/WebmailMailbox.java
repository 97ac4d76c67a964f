package org.loftmail.perf.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.loftmail.core.model.MessageContent;

/**
 * A mailbox that looks like a busy person's INBOX, for SORT, THREAD and SEARCH: message i either
 * starts a thread (three in ten) or replies to one of the last 2,000 messages, with the thread's
 * subject under "Re:", References to its parent, one of 500 senders (with and without display
 * names, some non-ASCII), a Date that wanders a few days from the arrival time, and sizes from
 * 1 to 12 KiB. Message i is the same every time: it is computed from i alone.
 */
public final class WebmailMailbox {
    /** Arrival of message 0; message i arrives i minutes later. */
    public static final long EPOCH = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();
    private static final String[] TOPICS = {"Quarterly report", "Lunch on Friday", "Build failed", "Invoice",
        "Caf\u00e9 opening", "Release plan", "Offsite", "Re-org", "Hiring", "Budget", "Party", "Server down",
        "Contract draft", "Holiday rota", "\u00dcbersicht", "Security review", "Newsletter", "Customer call"};
    private static final String[] FIRST = {"Anna", "Bob", "Chlo\u00e9", "Dmitri", "Eve", "Fran\u00e7ois", "Grace",
        "Hiro", "Ines", "Jo\u00e3o", "Kai", "Lena", "Mo", "Noor", "Olga", "Pat", "Quinn", "Rita", "S\u00f8ren", "Tom"};

    private WebmailMailbox() {
    }

    private static SplittableRandom rnd(long i) {
        return new SplittableRandom(i * 0x9E3779B97F4A7C15L + 7);
    }

    /** The message i replies to, or -1 when it starts a thread. */
    static long parent(long i) {
        SplittableRandom r = rnd(i);
        if (i == 0 || r.nextInt(10) < 3) {
            return -1;
        }
        return i - 1 - r.nextLong(Math.min(i, 2000));
    }

    private static long root(long i) {
        long p;
        while ((p = parent(i)) >= 0) {
            i = p;
        }
        return i;
    }

    public static long arrival(long i) {
        return EPOCH + i * 60_000L;
    }

    public static MessageContent message(long i) {
        SplittableRandom r = rnd(i ^ 0x5DEECE66DL);
        long parent = parent(i);
        long root = root(i);
        String subject = TOPICS[(int) (root % TOPICS.length)] + " #" + root;
        int sender = r.nextInt(500);
        String name = FIRST[sender % FIRST.length] + " " + (char) ('A' + sender % 26) + ".";
        StringBuilder h = new StringBuilder(1024);
        h.append("Message-ID: <").append(i).append("@webmail.example>\r\n");
        if (parent >= 0) {
            h.append("In-Reply-To: <").append(parent).append("@webmail.example>\r\n");
            long grand = parent(parent);
            h.append("References: ");
            if (grand >= 0) {
                h.append('<').append(grand).append("@webmail.example> ");
            }
            h.append('<').append(parent).append("@webmail.example>\r\n");
            subject = (r.nextInt(5) == 0 ? "RE: " : "Re: ") + subject;
        }
        if (sender % 3 == 0) {
            h.append("From: user").append(sender).append("@example.net\r\n");
        } else {
            h.append("From: =?UTF-8?Q?").append(qp(name)).append("?= <user").append(sender).append("@example.net>\r\n");
        }
        h.append("To: me@example.org\r\n");
        if (r.nextInt(4) == 0) {
            h.append("Cc: team").append(r.nextInt(20)).append("@example.org\r\n");
        }
        h.append("Subject: ").append(subject).append("\r\n");
        long sent = arrival(i) - r.nextLong(3 * 86_400_000L);
        h.append("Date: ").append(Instant.ofEpochMilli(sent).atOffset(ZoneOffset.ofHours(r.nextInt(-8, 9)))
                .format(DateTimeFormatter.RFC_1123_DATE_TIME)).append("\r\n");
        h.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        int size = 1024 + r.nextInt(11 * 1024);
        while (h.length() < size) {
            h.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit ").append(i).append(".\r\n");
        }
        return MessageContent.of(h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String qp(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            int v = c & 0xff;
            if (v == ' ') {
                b.append('_');
            } else if (v < 0x80 && Character.isLetterOrDigit(v)) {
                b.append((char) v);
            } else {
                b.append('=').append(String.format("%02X", v));
            }
        }
        return b.toString();
    }
}
