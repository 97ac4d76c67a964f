package org.loftmail.imap.codec;

/**
 * Bounds on what one client may make the decoder hold, in the spirit of Netty's
 * {@code HttpDecoderConfig}.
 *
 * @param maxLineLength         longest single line (without CRLF); longer ones are refused
 * @param maxLiteralSize        largest literal announced by {@code {n}}; the APPENDLIMIT
 * @param maxLiteralsPerCommand most literals one command may carry (MULTIAPPEND, LOGIN ...)
 * @param maxCommandSize        most bytes of one command kept in memory: its lines plus its
 *                              in-memory literals. Streamed literals are bounded per literal
 *                              by {@code maxLiteralSize} instead, since they never sit in heap
 * @param streamThreshold       literals larger than this are streamed as
 *                              {@link ImapLiteralChunk}s instead of being accumulated
 */
public record ImapLimits(int maxLineLength, long maxLiteralSize, int maxLiteralsPerCommand,
                         long maxCommandSize, int streamThreshold) {
    public static final ImapLimits DEFAULT =
        new ImapLimits(64 * 1024, 64L * 1024 * 1024, 1000, 8L * 1024 * 1024, 1024 * 1024);

    public ImapLimits {
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64");
        }
        if (maxLiteralSize < 0 || maxLiteralsPerCommand < 0 || streamThreshold < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (maxCommandSize < maxLineLength) {
            throw new IllegalArgumentException("maxCommandSize must be at least maxLineLength");
        }
    }
}
