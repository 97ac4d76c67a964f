package org.loftmail.perf.load;

/**
 * The tagged completion of one command.
 *
 * @param condition OK, NO or BAD
 * @param text      the rest of the tagged line
 * @param nanos     from the command's first byte handed to Netty to its tagged line decoded
 */
record ImapReply(String condition, String text, long nanos) {
    boolean ok() {
        return condition.equals("OK");
    }
}
