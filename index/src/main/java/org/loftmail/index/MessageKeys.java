package org.loftmail.index;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mime.SortKeys;
import org.loftmail.core.mime.ThreadKeys;

/**
 * A message's SORT and THREAD inputs in the index's own encoding. Kept apart from the summary
 * bytes so the index never has to decode a summary (whose format belongs to the MIME parser).
 */
record MessageKeys(SortKeys sort, ThreadKeys thread) {
    private static final int VERSION = 1;

    /** What a message without a cached summary sorts and threads by: like one with no headers. */
    static MessageKeys fallback(long internalDate) {
        return new MessageKeys(new SortKeys("", "", "", "", "", "", internalDate),
                new ThreadKeys("", "", List.of(), "", false));
    }

    byte[] toBytes() {
        RecordWriter w = new RecordWriter(128).u8(VERSION).string(sort.baseSubject()).string(sort.from())
                .string(sort.to()).string(sort.cc()).string(sort.displayFrom()).string(sort.displayTo())
                .zigzag(sort.sentDate()).string(thread.messageId()).string(thread.inReplyTo())
                .varint(thread.references().size());
        for (String ref : thread.references()) {
            w.string(ref);
        }
        return w.string(thread.baseSubject()).u8(thread.replyOrForward() ? 1 : 0).toBytes();
    }

    static MessageKeys fromBytes(byte[] b) {
        RecordReader r = new RecordReader(b);
        if (r.u8() != VERSION) {
            throw RecordReader.corrupt("message keys have an unknown version");
        }
        SortKeys sort = new SortKeys(r.string(), r.string(), r.string(), r.string(), r.string(), r.string(),
                r.zigzag());
        return new MessageKeys(sort, thread(r));
    }

    /** Only the thread keys: THREAD reads every message's, and skips the sort strings unread. */
    static ThreadKeys threadFromBytes(byte[] b) {
        RecordReader r = new RecordReader(b);
        if (r.u8() != VERSION) {
            throw RecordReader.corrupt("message keys have an unknown version");
        }
        for (int i = 0; i < 6; i++) {
            r.skipString();
        }
        r.zigzag();
        return thread(r);
    }

    private static ThreadKeys thread(RecordReader r) {
        String messageId = r.string();
        String inReplyTo = r.string();
        long n = r.varint();
        if (n > r.remaining()) {
            throw RecordReader.corrupt("message keys reference count");
        }
        List<String> refs = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            refs.add(r.string());
        }
        return new ThreadKeys(messageId, inReplyTo, refs, r.string(), r.u8() != 0);
    }
}
