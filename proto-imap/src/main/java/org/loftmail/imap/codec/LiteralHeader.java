package org.loftmail.imap.codec;

/**
 * The {@code {n}}, {@code {n+}} or {@code ~{n}} at the end of a line. {@code size} is -1 when
 * the digits do not fit a long (always over any limit).
 */
record LiteralHeader(long size, boolean nonSync, boolean binary, int start) {
    private static final int MAX_DIGITS = 19;

    /** Parses the header ending {@code b[off..off+len)}, or returns null if there is none. */
    static LiteralHeader parse(byte[] b, int off, int len) {
        int end = off + len;
        if (end > off && b[end - 1] == '\r') {
            end--;
        }
        int i = end - 1;
        if (i < off || b[i] != '}') {
            return null;
        }
        i--;
        boolean nonSync = i >= off && b[i] == '+';
        if (nonSync) {
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= off && b[i] >= '0' && b[i] <= '9') {
            i--;
        }
        int digits = digitsEnd - (i + 1);
        if (digits == 0 || i < off || b[i] != '{') {
            return null;
        }
        boolean binary = i > off && b[i - 1] == '~';
        long size = -1;
        if (digits <= MAX_DIGITS) {
            size = 0;
            for (int k = i + 1; k < digitsEnd && size >= 0; k++) {
                size = size * 10 + (b[k] - '0');
            }
        }
        return new LiteralHeader(size < 0 ? -1 : size, nonSync, binary, binary ? i - 1 : i);
    }
}
