package org.loftmail.core.store;

import org.loftmail.core.model.UserId;

/** All users' mail on this node. Thread-safe. */
public interface MailStore extends AutoCloseable {
    /** The user's store, opened on first use and kept open while in use. */
    UserStore user(UserId user);

    @Override
    void close();
}
