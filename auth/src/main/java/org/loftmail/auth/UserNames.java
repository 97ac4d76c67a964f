package org.loftmail.auth;

/** Login names as the SQL drivers take them in and read them back from a row. */
public final class UserNames {
    private UserNames() {
    }

    /**
     * Names with control characters are refused before any query: PostgreSQL rejects a NUL in
     * text with an error, which would turn a garbage login into "database unavailable".
     */
    public static boolean plausible(String user) {
        if (user == null || user.isEmpty() || user.length() > 255) {
            return false;
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** True for the columns that rename the user: {@code user}, {@code username}, {@code domain}. */
    public static boolean isNameColumn(String column) {
        return column.equals("user") || column.equals("username") || column.equals("domain");
    }

    /**
     * The name after a name column, as Dovecot applies it: {@code user} replaces the name,
     * {@code username} the part before {@code @} (keeping the domain unless the value has one),
     * {@code domain} the part after it.
     */
    public static String rename(String user, String column, String value) {
        int at = user.indexOf('@');
        switch (column) {
            case "user":
                return value;
            case "username":
                return value.indexOf('@') >= 0 || at < 0 ? value : value + user.substring(at);
            case "domain":
                return (at < 0 ? user : user.substring(0, at)) + (value.isEmpty() ? "" : "@" + value);
            default:
                throw new IllegalArgumentException(column);
        }
    }
}
