package org.loftmail.server;

import java.nio.charset.StandardCharsets;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailStore;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;

/** The embedded default's demo user: created on first start with a welcome message. */
public final class DemoUser {
    public static final UserId NAME = new UserId("demo");

    private DemoUser() {
    }

    /** Opens the demo user's store and, on first start, saves a welcome message into INBOX. */
    public static UserId ensure(MailStore store) {
        UserStore user = store.user(NAME);
        MailboxInfo inbox = user.mailbox(MailboxName.INBOX).orElseThrow();
        if (inbox.uidNext() == 1) {
            String welcome = "From: Loft <postmaster@localhost>\r\n"
                    + "To: demo@localhost\r\n"
                    + "Subject: Welcome to Loft\r\n"
                    + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            java.time.ZonedDateTime.now()) + "\r\n"
                    + "Message-ID: <welcome@loft.localhost>\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "\r\n"
                    + "This message was saved by Loft on first start.\r\n";
            user.append(inbox.guid(), MessageContent.of(welcome.getBytes(StandardCharsets.UTF_8)), Flags.NONE,
                    System.currentTimeMillis());
        }
        return NAME;
    }
}
