package org.loftmail.perf.load;

/**
 * One server response as framed by {@link ImapResponseDecoder}.
 *
 * @param tag          the command's tag, {@code *} for untagged data or {@code +} for a continuation
 * @param text         what follows the tag; the lines around a literal are joined, the literal's
 *                     bytes are left out (its {@code {n}} stays)
 * @param literalBytes how many literal bytes the response carried (FETCH BODY[] and friends)
 */
record ImapResponse(String tag, String text, long literalBytes) {
    static ImapResponse of(String line, long literalBytes) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return new ImapResponse(line, "", literalBytes);
        }
        return new ImapResponse(line.substring(0, space), line.substring(space + 1), literalBytes);
    }

    boolean untagged() {
        return tag.equals("*");
    }

    boolean continuation() {
        return tag.equals("+");
    }

    /** Word {@code index} of the text (0: OK, NO, BAD, BYE, or the number of {@code * 3 EXISTS}); "" past the end. */
    String word(int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = text.indexOf(' ', start) + 1;
            if (start == 0) {
                return "";
            }
        }
        int end = text.indexOf(' ', start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    /** For {@code * <n> EXISTS} and {@code * <n> EXPUNGE}: n when the second word is {@code what}. */
    long number(String what) {
        if (!untagged() || !word(1).equalsIgnoreCase(what)) {
            return -1;
        }
        try {
            return Long.parseLong(word(0));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
