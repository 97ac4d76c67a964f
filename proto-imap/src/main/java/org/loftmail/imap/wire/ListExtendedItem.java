package org.loftmail.imap.wire;

import java.util.List;
import org.loftmail.core.model.MailboxName;

/** An RFC 5258 mbox-list-extended item that follows the name in a LIST response. */
public sealed interface ListExtendedItem {

    void write(ImapResponseWriter w);

    /** {@code ("CHILDINFO" ("SUBSCRIBED"))}: RECURSIVEMATCH found matching children. */
    record ChildInfo(List<String> options) implements ListExtendedItem {
        public ChildInfo {
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new IllegalArgumentException("CHILDINFO needs at least one option");
            }
        }

        @Override
        public void write(ImapResponseWriter w) {
            w.quoted("CHILDINFO").sp().openParen();
            for (int i = 0; i < options.size(); i++) {
                (i == 0 ? w : w.sp()).quoted(options.get(i));
            }
            w.closeParen();
        }
    }

    /** {@code ("OLDNAME" ("old"))}: RFC 9051 section 7.3.1, after a RENAME. */
    record OldName(MailboxName name) implements ListExtendedItem {
        @Override
        public void write(ImapResponseWriter w) {
            w.quoted("OLDNAME").sp().openParen().mailbox(name).closeParen();
        }
    }
}
