package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The index's binary form of a {@link MessageSummary}. Version 1 layout: version byte, then
 * unsigned LEB128 varints for sizes/offsets/counts, strings as varint length + UTF-8, the sent
 * date as 8 bytes big-endian, and the part tree depth first with offsets stored as deltas
 * (header, body-header, end-body) so small parts cost a few bytes. Section numbers are not
 * stored: they follow from the tree's shape.
 */
final class SummaryCodec {
    static final int VERSION = 1;

    private SummaryCodec() {
    }

    static byte[] encode(MessageSummary m) {
        Out out = new Out();
        out.buf.write(VERSION);
        out.varLong(m.physicalSize());
        out.varLong(m.virtualSize());
        out.varLong(m.headerSize());
        out.string(m.envelope());
        out.string(m.bodyStructure());
        out.string(m.body());
        SortKeys s = m.sortKeys();
        out.string(s.baseSubject());
        out.string(s.from());
        out.string(s.to());
        out.string(s.cc());
        out.string(s.displayFrom());
        out.string(s.displayTo());
        out.fixedLong(s.sentDate());
        ThreadKeys t = m.threadKeys();
        out.string(t.messageId());
        out.string(t.inReplyTo());
        out.varLong(t.references().size());
        for (String r : t.references()) {
            out.string(r);
        }
        out.string(t.baseSubject());
        out.buf.write(t.replyOrForward() ? 1 : 0);
        part(out, m.rootPart());
        return out.buf.toByteArray();
    }

    private static void part(Out out, MimePart p) {
        out.buf.write(p.kind().ordinal());
        out.varLong(p.headerOffset());
        out.varLong(p.bodyOffset() - p.headerOffset());
        out.varLong(p.endOffset() - p.bodyOffset());
        out.varLong(p.headerVirtualSize());
        out.varLong(p.bodyVirtualSize());
        out.varLong(p.bodyLines());
        out.varLong(p.parts().size());
        for (MimePart child : p.parts()) {
            part(out, child);
        }
    }

    static MessageSummary decode(byte[] bytes) {
        In in = new In(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown summary format version " + version);
        }
        long physical = in.varLong();
        long virtual = in.varLong();
        long header = in.varLong();
        String envelope = in.string();
        String bodyStructure = in.string();
        String body = in.string();
        SortKeys sort = new SortKeys(in.string(), in.string(), in.string(), in.string(), in.string(),
                in.string(), in.fixedLong());
        String messageId = in.string();
        String inReplyTo = in.string();
        int count = (int) in.varLong();
        List<String> refs = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            refs.add(in.string());
        }
        ThreadKeys thread = new ThreadKeys(messageId, inReplyTo, refs, in.string(), in.u8() == 1);
        MimePart root = part(in, "");
        return new MessageSummary(physical, virtual, header, envelope, bodyStructure, body, sort, thread, root);
    }

    private static MimePart part(In in, String section) {
        MimePart.Kind kind = MimePart.Kind.values()[in.u8()];
        long headerOffset = in.varLong();
        long bodyOffset = headerOffset + in.varLong();
        long endOffset = bodyOffset + in.varLong();
        long headerVirtual = in.varLong();
        long bodyVirtual = in.varLong();
        long lines = in.varLong();
        int count = (int) in.varLong();
        List<MimePart> parts = new ArrayList<>(Math.min(count, 1024));
        String prefix = section.isEmpty() ? "" : section + ".";
        for (int i = 0; i < count; i++) {
            parts.add(part(in, kind == MimePart.Kind.MESSAGE ? messageSection(section) : prefix + (i + 1)));
        }
        return new MimePart(section, kind, headerOffset, bodyOffset, endOffset, headerVirtual, bodyVirtual,
                lines, parts);
    }

    /** See {@link MimeParser#messageSection}. */
    private static String messageSection(String section) {
        return MimeParser.messageSection(section);
    }

    private static final class Out {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);

        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf.write((int) v);
        }

        void fixedLong(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf.write((int) (v >>> shift));
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            buf.writeBytes(b);
        }
    }

    private static final class In {
        private final byte[] b;
        private int i;

        In(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (i >= b.length) {
                throw new IllegalArgumentException("truncated summary");
            }
            return b[i++] & 0xff;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("bad varint in summary");
        }

        long fixedLong() {
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v = v << 8 | u8();
            }
            return v;
        }

        String string() {
            int n = (int) varLong();
            if (n < 0 || n > b.length - i) {
                throw new IllegalArgumentException("truncated summary");
            }
            String s = new String(b, i, n, StandardCharsets.UTF_8);
            i += n;
            return s;
        }
    }
}
