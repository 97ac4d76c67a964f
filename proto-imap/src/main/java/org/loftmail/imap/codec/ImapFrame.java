package org.loftmail.imap.codec;

import io.netty.util.ReferenceCountUtil;
import java.util.List;

/** What the decoder produces per command: a complete command, or a refusal of one. */
public sealed interface ImapFrame {

    /**
     * A complete command. {@code lines} are the text lines without CRLF; line {@code i} (for
     * {@code i < literals.size()}) ends with the {@code {n}} header of literal {@code i}, so
     * {@code lines.size() == literals.size() + 1}. Lines are decoded as UTF-8 (IMAP4rev2 allows
     * UTF-8 in quoted strings). Closing releases the in-memory literals.
     *
     * <p>IDLE's {@code DONE} and AUTHENTICATE responses are frames with one line too: only the
     * session knows which state it is in.
     */
    record Command(List<String> lines, List<ImapLiteral> literals) implements ImapFrame, AutoCloseable {
        public Command {
            lines = List.copyOf(lines);
            literals = List.copyOf(literals);
        }

        /** Convenience for a literal-free single line. */
        public static Command ofLine(String line) {
            return new Command(List.of(line), List.of());
        }

        public String firstLine() {
            return lines.get(0);
        }

        @Override
        public void close() {
            for (ImapLiteral l : literals) {
                if (l instanceof ImapLiteral.InMemory) {
                    ReferenceCountUtil.release(((ImapLiteral.InMemory) l).content());
                }
            }
        }
    }

    /**
     * The command was refused by a limit; the decoder skips its remaining bytes by itself.
     * {@code tag} is null when the tag could not be read. A session answers
     * {@code tag BAD} (line) or {@code tag NO [TOOBIG]} (literal, command), or untagged
     * {@code * BAD} without a tag. If a {@link LiteralStreamStart} for this command was emitted
     * before, that stream is aborted and its partial data must be discarded.
     */
    record TooLong(String tag, Reason reason, String message) implements ImapFrame {
    }

    /** Which limit a refused command hit. */
    enum Reason { LINE, LITERAL, LITERAL_COUNT, COMMAND }
}
