package org.loftmail.imap.session;

import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.loftmail.core.model.MessageContent;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.codec.ImapLiteral;

/**
 * The literals of the command being received: large ones are spooled to files as their chunks
 * arrive (keyed by their index in the command), small ones stay in the frame. Everything is
 * dropped when the command ends.
 */
final class CommandLiterals {
    private final Path spoolDir;
    private final Map<Integer, LiteralSpool> spools = new HashMap<>();
    private LiteralSpool current;
    private ImapFrame.Command frame;

    CommandLiterals(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    /** A streamed literal starts: its chunks go to a new spool file. */
    void start(int index) {
        current = new LiteralSpool(spoolDir);
        spools.put(index, current);
    }

    void chunk(ByteBuf content) {
        if (current != null) {
            current.write(content);
        }
    }

    /** The command whose literals {@link #content} resolves. */
    void executing(ImapFrame.Command command) {
        frame = command;
    }

    /** The bytes of one literal of the executing command. */
    MessageContent content(ImapLiteral literal) {
        if (literal instanceof ImapLiteral.InMemory) {
            ByteBuf b = ((ImapLiteral.InMemory) literal).content();
            byte[] bytes = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), bytes);
            return MessageContent.of(bytes);
        }
        for (int i = 0; frame != null && i < frame.literals().size(); i++) {
            if (frame.literals().get(i) == literal && spools.containsKey(i)) {
                return spools.get(i).content();
            }
        }
        throw new IllegalStateException("no spool for a streamed literal of this command");
    }

    /** The command ended (or was refused): delete its spool files. */
    void drop() {
        for (LiteralSpool s : spools.values()) {
            s.close();
        }
        spools.clear();
        current = null;
        frame = null;
    }
}
