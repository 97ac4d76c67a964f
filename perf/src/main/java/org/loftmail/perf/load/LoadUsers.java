package org.loftmail.perf.load;

import org.loftmail.core.model.UserId;

/**
 * The users a load run logs in as: {@code <prefix>1} … {@code <prefix><count>}, all with the same
 * password. {@code --start-server} creates exactly these.
 */
record LoadUsers(String prefix, int count, String password) {
    LoadUsers {
        if (count < 1) {
            throw new IllegalArgumentException("--users must be at least 1");
        }
    }

    /** User {@code i}, 0-based, wrapping around: client i of many logs in as user i mod count. */
    String name(int i) {
        return prefix + (Math.floorMod(i, count) + 1);
    }

    UserId id(int i) {
        return new UserId(name(i));
    }

    /** The LOGIN command for user {@code i}; names and password are atoms, no quoting needed. */
    String login(int i) {
        return "LOGIN " + name(i) + " " + password;
    }
}
