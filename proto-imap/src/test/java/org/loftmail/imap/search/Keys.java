package org.loftmail.imap.search;

import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.ImapParser;
import org.loftmail.imap.parse.ParseResult;
import org.loftmail.imap.parse.SearchKey;

/** Search keys written as a client sends them, through the real parser. */
final class Keys {
    private Keys() {
    }

    /** The key of {@code SEARCH <keys>}, e.g. {@code parse("UNSEEN FROM smith")}. */
    static SearchKey parse(String keys) {
        ParseResult r = ImapParser.parse(ImapFrame.Command.ofLine("t SEARCH " + keys));
        if (!(r instanceof ImapCommand.Search)) {
            throw new AssertionError("does not parse: " + keys + " -> " + r);
        }
        return ((ImapCommand.Search) r).key();
    }
}
