package org.loftmail.auth;

import java.util.Map;

/** What a {@link Passdb} found for one name. */
public sealed interface PassdbLookup {
    /**
     * The user is known here.
     *
     * @param password the stored password, null when none is stored (then only {@code nopassword} lets the user in)
     * @param fields   the extra fields as the driver read them ({@code nologin}, {@code reason},
     *                 {@code user}, {@code userdb_home}, ...), unset ones left out
     */
    record Found(StoredPassword password, Map<String, String> fields) implements PassdbLookup {
        public Found {
            fields = Map.copyOf(fields);
        }

        @Override
        public String toString() {
            return "Found[fields=" + fields.keySet() + "]";
        }
    }

    /** Unknown here; the next passdb is asked. {@code reason} is for the log. */
    record NotFound(String reason) implements PassdbLookup {
    }

    /** The passdb could not answer now; the login fails temporarily unless a later passdb accepts it. */
    record Unavailable(String reason) implements PassdbLookup {
    }
}
