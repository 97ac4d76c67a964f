package org.loftmail.imap.session;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.store.MailStore;

/**
 * What every IMAP session of a node shares.
 *
 * @param workers  runs session work (storage, auth); never a Netty event loop
 * @param tls      for STARTTLS; null when the node has no certificate
 * @param spoolDir where large APPEND literals are written while they arrive
 * @param auth     how logins are checked and limited
 */
public record ImapServices(MailStore store, ChangeBus changes, ImapAuth auth, ExecutorService workers, SslContext tls,
                           Path spoolDir, RecentTracker recent) {
}
