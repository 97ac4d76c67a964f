package org.loftmail.core.auth;

import java.net.InetAddress;
import org.loftmail.core.exec.KeyedSlots;
import org.loftmail.core.model.UserId;

/**
 * Dovecot's {@code mail_max_userip_connections}: how many logged-in connections of one protocol
 * one user may have from one address (each protocol server has its own). A mail client opens a
 * handful; hundreds mean a broken client or abuse. Thread-safe.
 */
public final class UserIpLimit {
    private final KeyedSlots<String> open;

    /** {@code max} 0 means no limit. */
    public UserIpLimit(int max) {
        this.open = new KeyedSlots<>(max);
    }

    public int max() {
        return open.limit();
    }

    /** Takes a slot for the pair; false (nothing taken) when the pair is at the limit. */
    public boolean acquire(UserId user, InetAddress remote) {
        return open.acquire(key(user, remote));
    }

    public void release(UserId user, InetAddress remote) {
        open.release(key(user, remote));
    }

    private static String key(UserId user, InetAddress remote) {
        return user.name() + '\t' + (remote == null ? "" : remote.getHostAddress());
    }
}
