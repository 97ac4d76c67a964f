package org.loftmail.pop3.session;

import java.util.Locale;

/** The SASL mechanisms POP3 AUTH knows, by Dovecot's {@code auth_mechanisms} name. */
public enum SaslMechanism {
    PLAIN(true),
    LOGIN(true),
    CRAM_MD5(false),
    SCRAM_SHA_1(false),
    SCRAM_SHA_256(false),
    OAUTHBEARER(true),
    XOAUTH2(true);

    private final boolean plaintext;

    SaslMechanism(boolean plaintext) {
        this.plaintext = plaintext;
    }

    /** The name on the wire: {@code CRAM-MD5}, {@code SCRAM-SHA-256}, ... */
    public String wire() {
        return name().replace('_', '-');
    }

    /**
     * The secret crosses the wire as it is (a password, a bearer token): refused where
     * {@code disable_plaintext_auth} applies. CRAM-MD5 and SCRAM stay usable there, as in Dovecot.
     */
    public boolean plaintext() {
        return plaintext;
    }

    /** The mechanism called {@code name} (any case), or null. */
    public static SaslMechanism byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (SaslMechanism m : values()) {
            if (m.wire().equals(n)) {
                return m;
            }
        }
        return null;
    }

    /** Whether the services can check this mechanism at all. */
    public boolean supportedBy(Pop3Services services) {
        switch (this) {
            case PLAIN:
            case LOGIN:
                return services.passwords() != null;
            case OAUTHBEARER:
            case XOAUTH2:
                return services.tokens() != null;
            default:
                return services.credentials() != null;
        }
    }
}
