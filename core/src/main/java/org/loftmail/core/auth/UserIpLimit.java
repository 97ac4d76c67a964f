package org.loftmail.core.auth;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.model.UserId;

/**
 * Dovecot's {@code mail_max_userip_connections}: how many logged-in connections of one protocol
 * one user may have from one address (each protocol server has its own). A mail client opens a
 * handful; hundreds mean a broken client or abuse. Thread-safe.
 */
public final class UserIpLimit {
    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** {@code max} 0 means no limit. */
    public UserIpLimit(int max) {
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Takes a slot for the pair; false (nothing taken) when the pair is at the limit. */
    public boolean acquire(UserId user, InetAddress remote) {
        if (max <= 0) {
            return true;
        }
        boolean[] ok = {false};
        open.compute(key(user, remote), (k, n) -> {
            int c = n == null ? 0 : n;
            ok[0] = c < max;
            return ok[0] ? c + 1 : n;
        });
        return ok[0];
    }

    public void release(UserId user, InetAddress remote) {
        if (max > 0) {
            open.computeIfPresent(key(user, remote), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static String key(UserId user, InetAddress remote) {
        return user.name() + '\t' + (remote == null ? "" : remote.getHostAddress());
    }
}
