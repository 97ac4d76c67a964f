package org.loftmail.imap.parse;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.codec.ImapFrameDecoder;
import org.loftmail.imap.codec.ImapLimits;
import org.loftmail.imap.codec.TrackingAllocator;

/** Builds frames the way a session gets them: wire text through the real decoder. */
final class Frames {
    private Frames() {
    }

    static List<ImapFrame.Command> decode(String wire) {
        return decode(wire, new TrackingAllocator());
    }

    static List<ImapFrame.Command> decode(String wire, TrackingAllocator alloc) {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(new ImapLimits(4096, 100_000, 10, 200_000, 50_000)));
        ch.config().setAllocator(alloc);
        ch.writeInbound(Unpooled.wrappedBuffer(wire.getBytes(StandardCharsets.UTF_8)));
        List<ImapFrame.Command> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (o instanceof ImapFrame.Command) {
                out.add((ImapFrame.Command) o);
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    /** Parses one command given as wire text (CRLF added if missing); releases its literals. */
    static ParseResult parse(String wire) {
        TrackingAllocator alloc = new TrackingAllocator();
        List<ImapFrame.Command> frames = decode(wire.endsWith("\n") ? wire : wire + "\r\n", alloc);
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        ParseResult result;
        try (ImapFrame.Command f = frames.get(0)) {
            result = ImapParser.parse(f);
        }
        alloc.assertAllReleased();
        return result;
    }
}
