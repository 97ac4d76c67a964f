package org.loftmail.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LMTP delivery as {@code loft.conf} configures it: the {@code service lmtp} unix listeners
 * (its inet listeners are in {@link ServiceSettings#listeners()}) and the delivery settings,
 * each read from {@code protocol lmtp { }} first and the top level second, as Dovecot does.
 *
 * @param sockets              {@code service lmtp { unix_listener PATH { mode user group } }}; relative names in base_dir
 * @param recipientDelimiter   {@code recipient_delimiter} (Dovecot's default {@code +}; empty for none)
 * @param saveToDetailMailbox  {@code lmtp_save_to_detail_mailbox}
 * @param userConcurrencyLimit {@code lmtp_user_concurrency_limit} (0: no limit)
 * @param addReceivedHeader    {@code lmtp_add_received_header}
 * @param hostname             {@code hostname}; null for the system's name
 * @param maxMailSize          {@code lmtp_max_mail_size} (Loft's; Dovecot has no LMTP size limit); bytes
 * @param maxConnections       {@code service lmtp { process_limit client_limit }}: Dovecot runs
 *                             process_limit × client_limit LMTP connections at most (100 × 1 by default)
 */
public record DeliverySettings(List<UnixListener> sockets, String recipientDelimiter, boolean saveToDetailMailbox,
                               int userConcurrencyLimit, boolean addReceivedHeader, String hostname, long maxMailSize,
                               int maxConnections) {
    /** 50 MiB: far above Postfix's default message_size_limit (10 MB), so Postfix's limit is the one users meet. */
    public static final long DEFAULT_MAX_MAIL_SIZE = 50L << 20;

    public static final DeliverySettings DEFAULTS = new DeliverySettings(List.of(), "+", false, 0, true, null,
            DEFAULT_MAX_MAIL_SIZE, 100);

    public DeliverySettings {
        sockets = List.copyOf(sockets);
    }

    static DeliverySettings from(ConfigSection root, Path baseDir) {
        List<UnixListener> sockets = new ArrayList<>();
        int processes = root.setting("default_process_limit").map(ServiceSettings::count).orElse(100);
        int clients = 1;
        for (ConfigSection service : root.sections("service")) {
            if (!service.name().equals("lmtp")) {
                continue;
            }
            processes = service.setting("process_limit").map(ServiceSettings::count).orElse(processes);
            clients = service.setting("client_limit").map(ServiceSettings::count).orElse(clients);
            for (ConfigSection l : service.sections("unix_listener")) {
                sockets.add(new UnixListener(service.name(), baseDir.resolve(l.name()),
                        l.setting("mode").map(Setting::value).orElse(null),
                        l.setting("user").map(Setting::value).orElse(null),
                        l.setting("group").map(Setting::value).orElse(null), l.origin()));
            }
        }
        DeliverySettings d = DEFAULTS;
        return new DeliverySettings(sockets,
                setting(root, "recipient_delimiter").map(Setting::value).orElse(d.recipientDelimiter()),
                setting(root, "lmtp_save_to_detail_mailbox").map(ServiceSettings::yesNo).orElse(d.saveToDetailMailbox()),
                setting(root, "lmtp_user_concurrency_limit").map(ServiceSettings::count).orElse(d.userConcurrencyLimit()),
                setting(root, "lmtp_add_received_header").map(ServiceSettings::yesNo).orElse(d.addReceivedHeader()),
                setting(root, "hostname").map(s -> s.value().trim()).filter(h -> !h.isEmpty()).orElse(null),
                setting(root, "lmtp_max_mail_size").map(LoftConfig::size).orElse(d.maxMailSize()),
                Math.max(1, processes) * Math.max(1, clients));
    }

    private static Optional<Setting> setting(ConfigSection root, String key) {
        return ServiceSettings.protocolSetting(root, "lmtp", key);
    }
}
