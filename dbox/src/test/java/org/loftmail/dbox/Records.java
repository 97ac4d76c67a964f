package org.loftmail.dbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobVisitor;

/** Test fixtures: records and a visitor that remembers what a scan saw. */
final class Records {
    static final MailboxGuid INBOX = MailboxGuid.parse("0123456789abcdef0123456789abcdef");

    private Records() {
    }

    static BlobRecord.Message message(long uid, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new BlobRecord.Message(MessageGuid.random(), INBOX, uid, 1_700_000_000_000L + uid, b.length + 3,
                Flags.of(Flags.SEEN | Flags.FLAGGED, "$Forwarded", "Work"), MessageContent.of(b));
    }

    static String body(long uid) {
        return "Subject: message " + uid + "\r\n\r\nbody of " + uid + "\r\n";
    }

    /** A record seen by a scan, with the body copied while it was readable. */
    record Seen(BlobLocation location, BlobRecord record, byte[] body) {
    }

    /** A stretch reported corrupt. */
    record Bad(int file, long offset, long length, String reason) {
    }

    static final class Collector implements BlobVisitor {
        final List<Seen> records = new ArrayList<>();
        final List<Bad> corrupt = new ArrayList<>();
        private final Function<MessageContent, byte[]> bodies;

        Collector() {
            this(MessageContent::toByteArray);
        }

        /** {@code bodies} turns a body into what the test compares (bytes, a digest). */
        Collector(Function<MessageContent, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public void record(BlobLocation location, BlobRecord record) {
            byte[] body = record instanceof BlobRecord.Message m ? bodies.apply(m.content()) : null;
            records.add(new Seen(location, record, body));
        }

        @Override
        public void corrupt(int file, long offset, long length, String reason) {
            corrupt.add(new Bad(file, offset, length, reason));
        }
    }
}
