package org.loftmail.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.loftmail.auth.PasswordScheme;
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

    /**
     * Writes a passwd-file with the demo user and a random password if the file does not exist
     * yet; returns that password (to print once), or null when the file was already there.
     */
    public static String ensurePasswd(Path file) {
        if (Files.exists(file)) {
            return null;
        }
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, NAME.name() + ":"
                    + PasswordScheme.SHA512_CRYPT.hash(password) + "\n");
            try {
                Files.setPosixFilePermissions(file,
                        PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
        return password;
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
