package org.loftmail.server.config;

/**
 * POP3 as {@code loft.conf} configures it (the {@code service pop3-login} inet listeners are in
 * {@link ServiceSettings#listeners()}); each setting is read from {@code protocol pop3 { }}
 * first and the top level second, as Dovecot does.
 *
 * @param uidlFormat  {@code pop3_uidl_format} (Dovecot's default {@code %08Xu%08Xv})
 * @param lockSession {@code pop3_lock_session}: one POP3 session per mailbox at a time (RFC 1939);
 *                    Loft's default is {@code yes}, Dovecot's {@code no}
 * @param maxUserIp   {@code mail_max_userip_connections} for POP3
 */
public record Pop3Config(String uidlFormat, boolean lockSession, int maxUserIp) {
    public static final Pop3Config DEFAULTS = new Pop3Config("%08Xu%08Xv", true, ServiceSettings.DEFAULT_MAX_USERIP);

    static Pop3Config from(ConfigSection root) {
        return new Pop3Config(
                ServiceSettings.protocolSetting(root, "pop3", "pop3_uidl_format").map(s -> s.value().trim())
                        .orElse(DEFAULTS.uidlFormat()),
                ServiceSettings.protocolSetting(root, "pop3", "pop3_lock_session").map(ServiceSettings::yesNo)
                        .orElse(DEFAULTS.lockSession()),
                ServiceSettings.protocolSetting(root, "pop3", "mail_max_userip_connections").map(ServiceSettings::count)
                        .orElse(DEFAULTS.maxUserIp()));
    }
}
