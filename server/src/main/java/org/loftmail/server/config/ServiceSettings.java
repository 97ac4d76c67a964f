package org.loftmail.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of {@code loft.conf} that say what to serve: {@code protocols}, {@code listen}, the
 * services' inet listeners, TLS, the passdbs and userdbs, the auth sockets and LMTP delivery.
 */
public record ServiceSettings(Set<String> protocols, List<InetListener> listeners, TlsSettings tls,
                              List<PassdbSettings> passdbs, List<UserdbSettings> userdbs, AuthSettings auth,
                              int maxUserIpConnections, List<String> mechanisms, DeliverySettings delivery,
                              Pop3Config pop3) {
    /**
     * SASL mechanisms offered when {@code auth_mechanisms} is not set. Dovecot offers only PLAIN;
     * LOGIN is added because Outlook and old clients need it and it is as safe as PLAIN.
     */
    static final List<String> DEFAULT_MECHANISMS = List.of("plain", "login");

    /** Dovecot's default {@code base_dir}: where relative socket names go. */
    static final String DEFAULT_BASE_DIR = "/var/run/dovecot";

    /** Dovecot's default {@code mail_max_userip_connections}. */
    static final int DEFAULT_MAX_USERIP = 10;

    public ServiceSettings {
        protocols = Set.copyOf(protocols);
        listeners = List.copyOf(listeners);
        passdbs = List.copyOf(passdbs);
        userdbs = List.copyOf(userdbs);
    }

    public ServiceSettings(Set<String> protocols, List<InetListener> listeners, TlsSettings tls,
                           List<PassdbSettings> passdbs) {
        this(protocols, listeners, tls, passdbs, List.of(), AuthSettings.DEFAULTS, DEFAULT_MAX_USERIP, DEFAULT_MECHANISMS,
                DeliverySettings.DEFAULTS, Pop3Config.DEFAULTS);
    }

    /** The same settings with other listeners (tests bind ephemeral ports). */
    public ServiceSettings withListeners(List<InetListener> other) {
        return new ServiceSettings(protocols, other, tls, passdbs, userdbs, auth, maxUserIpConnections, mechanisms,
                delivery, pop3);
    }

    static ServiceSettings from(ConfigSection root) {
        Set<String> protocols = Set.of(root.setting("protocols").map(Setting::value).orElse("imap pop3 lmtp")
                .trim().split("\\s+"));
        List<String> listen = split(root.setting("listen").map(Setting::value).orElse("*, ::"));
        List<InetListener> listeners = new ArrayList<>();
        for (ConfigSection service : root.sections("service")) {
            for (ConfigSection l : service.sections("inet_listener")) {
                Setting port = l.setting("port").orElseThrow(() -> new ConfigException(l.origin(),
                        "inet_listener " + l.name() + " has no port"));
                int p = port(port);
                if (p == 0) {
                    continue;
                }
                List<String> addresses = l.setting("address").map(s -> split(s.value())).orElse(listen);
                boolean ssl = l.setting("ssl").map(s -> yesNo(s)).orElse(false);
                listeners.add(new InetListener(service.name(), l.name(), addresses, p, ssl));
            }
        }
        TlsSettings.Mode mode = root.setting("ssl").map(ServiceSettings::sslMode).orElse(TlsSettings.Mode.YES);
        Path cert = root.setting("ssl_cert").map(ServiceSettings::fileValue).orElse(null);
        Path key = root.setting("ssl_key").map(ServiceSettings::fileValue).orElse(null);
        if (mode != TlsSettings.Mode.NO && (cert == null) != (key == null)) {
            Setting given = root.setting(cert == null ? "ssl_key" : "ssl_cert").orElseThrow();
            throw new ConfigException(given.origin(), "ssl_cert and ssl_key must be set together");
        }
        String min = root.setting("ssl_min_protocol").map(Setting::value).orElse("TLSv1.2");
        boolean disablePlaintext = root.setting("disable_plaintext_auth").map(s -> yesNo(s)).orElse(true);
        List<PassdbSettings> passdbs = new ArrayList<>();
        for (ConfigSection p : root.sections("passdb")) {
            String driver = p.setting("driver").map(Setting::value)
                    .orElseThrow(() -> new ConfigException(p.origin(), "passdb has no driver"));
            passdbs.add(new PassdbSettings(driver, p.setting("args").map(Setting::value).orElse(""),
                    p.setting("master").map(ServiceSettings::yesNo).orElse(false),
                    p.setting("pass").map(ServiceSettings::yesNo).orElse(false),
                    p.setting("deny").map(ServiceSettings::yesNo).orElse(false), p.origin()));
        }
        List<UserdbSettings> userdbs = new ArrayList<>();
        for (ConfigSection u : root.sections("userdb")) {
            String driver = u.setting("driver").map(Setting::value)
                    .orElseThrow(() -> new ConfigException(u.origin(), "userdb has no driver"));
            userdbs.add(new UserdbSettings(driver, u.setting("args").map(Setting::value).orElse(""), u.origin()));
        }
        List<String> trusted = root.setting("login_trusted_networks").map(s -> split(s.value())).orElse(List.of());
        Duration delay = root.setting("auth_failure_delay").map(ServiceSettings::duration)
                .orElse(AuthSettings.DEFAULTS.failureDelay());
        Path baseDir = Path.of(root.setting("base_dir").map(Setting::value).orElse(DEFAULT_BASE_DIR).trim());
        List<UnixListener> sockets = new ArrayList<>();
        for (ConfigSection service : root.sections("service")) {
            if (!service.name().equals("auth")) {
                continue;
            }
            for (ConfigSection l : service.sections("unix_listener")) {
                String type = l.setting("type").map(Setting::value).orElse("").trim();
                String file = Path.of(l.name()).getFileName().toString();
                boolean userdb = type.equals("userdb") || type.equals("master")
                        || (type.isEmpty() && (file.equals("auth-userdb") || file.equals("auth-master")));
                if (!userdb && (type.equals("login") || type.equals("worker") || type.equals("token-login")
                        || (type.isEmpty() && (file.equals("auth-login") || file.equals("auth-worker")
                        || file.equals("auth-token-login"))))) {
                    // Sockets between Dovecot's own processes: Loft's logins call auth in process.
                    continue;
                }
                sockets.add(new UnixListener(service.name(), baseDir.resolve(l.name()),
                        l.setting("mode").map(Setting::value).orElse(null),
                        l.setting("user").map(Setting::value).orElse(null),
                        l.setting("group").map(Setting::value).orElse(null), userdb, l.origin()));
            }
        }
        AuthSettings d = AuthSettings.DEFAULTS;
        AuthSettings auth = new AuthSettings(trusted, delay,
                root.setting("auth_cache_size").map(LoftConfig::size).orElse(d.cacheSize()),
                root.setting("auth_cache_ttl").map(ServiceSettings::duration).orElse(d.cacheTtl()),
                root.setting("auth_cache_negative_ttl").map(ServiceSettings::duration).orElse(d.cacheNegativeTtl()),
                sockets, root.setting("auth_master_user_separator").map(Setting::value).orElse(""));
        // Guides set it in "protocol imap { }"; the root works too.
        int maxUserIp = protocolSetting(root, "imap", "mail_max_userip_connections").map(ServiceSettings::count)
                .orElse(DEFAULT_MAX_USERIP);
        List<String> mechanisms = root.setting("auth_mechanisms")
                .map(m -> split(m.value().toLowerCase(Locale.ROOT))).orElse(DEFAULT_MECHANISMS);
        return new ServiceSettings(protocols, listeners, new TlsSettings(mode, cert, key, min, disablePlaintext),
                passdbs, userdbs, auth, maxUserIp, mechanisms, DeliverySettings.from(root, baseDir), Pop3Config.from(root));
    }

    /** {@code protocol NAME { key }} if set there, else the top-level {@code key}, as Dovecot reads it. */
    static Optional<Setting> protocolSetting(ConfigSection root, String protocol, String key) {
        return root.sections("protocol").stream().filter(p -> p.name().equals(protocol))
                .map(p -> p.setting(key)).flatMap(Optional::stream).findFirst()
                .or(() -> root.setting(key));
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String a : v.split("[,\\s]+")) {
            if (!a.isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    private static int port(Setting s) {
        try {
            int p = Integer.parseInt(s.value().trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.origin(), "port must be 0..65535, got '" + s.value() + "'");
        }
    }

    /** Dovecot's time values: {@code 2 secs}, {@code 500 ms}, {@code 1 min}, {@code 2h}; a bare number is seconds. */
    static Duration duration(Setting s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*")
                .matcher(s.value().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(s.origin(), s.key() + " must be a time like '2 secs', got '" + s.value() + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms", "msec", "msecs", "millisecond", "milliseconds":
                return Duration.ofMillis(n);
            case "", "s", "sec", "secs", "second", "seconds":
                return Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes":
                return Duration.ofMinutes(n);
            case "h", "hour", "hours":
                return Duration.ofHours(n);
            default:
                throw new ConfigException(s.origin(), s.key() + ": unknown time unit '" + m.group(2) + "'");
        }
    }

    static int count(Setting s) {
        try {
            int n = Integer.parseInt(s.value().trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.origin(), s.key() + " must be a number (0 = no limit), got '" + s.value() + "'");
        }
    }

    static boolean yesNo(Setting s) {
        return switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "no", "n", "false", "0" -> false;
            default -> throw new ConfigException(s.origin(), s.key() + " must be yes or no, got '" + s.value() + "'");
        };
    }

    private static TlsSettings.Mode sslMode(Setting s) {
        return switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "no" -> TlsSettings.Mode.NO;
            case "yes" -> TlsSettings.Mode.YES;
            case "required" -> TlsSettings.Mode.REQUIRED;
            default -> throw new ConfigException(s.origin(), "ssl must be yes, no or required, got '" + s.value() + "'");
        };
    }

    /** {@code </path} (Dovecot's "contents of this file") or a plain path: either way, the file. */
    private static Path fileValue(Setting s) {
        String v = s.value().trim();
        return Path.of(v.startsWith("<") ? v.substring(1).trim() : v);
    }
}
