package org.loftmail.lmtp;

import java.nio.file.Path;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.store.MailStore;

/**
 * What every LMTP session of a node shares.
 *
 * @param store    where mail is saved; a save is durable when it returns, and wakes IDLE sessions
 * @param userdb   who exists here (RCPT TO)
 * @param spoolDir where messages too large for the heap are written while they arrive
 */
public record LmtpServices(MailStore store, Userdb userdb, Path spoolDir) {
}
