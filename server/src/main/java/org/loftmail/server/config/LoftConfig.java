package org.loftmail.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The settings Loft uses, read from {@code loft.conf}.
 *
 * @param mailLocation  where users' files live
 * @param rotateSize    dbox file size at which a new {@code m.<n>} starts ({@code mdbox_rotate_size})
 * @param fsync         {@code mail_fsync = never} turns fsync off (benchmarks only; loses mail on power loss)
 * @param embedded      true when no file was given and the built-in single-node default is used
 * @param services      protocols, listeners, TLS and passdbs (read now, used as each protocol lands)
 */
public record LoftConfig(MailLocation mailLocation, long rotateSize, boolean fsync, boolean embedded,
                         ServiceSettings services) {
    static final long DEFAULT_ROTATE_SIZE = 64L << 20;

    /** A store-only configuration (tests, benchmarks): no listeners, no passdb. */
    public LoftConfig(MailLocation mailLocation, long rotateSize, boolean fsync, boolean embedded) {
        this(mailLocation, rotateSize, fsync, embedded, new ServiceSettings(java.util.Set.of(), java.util.List.of(),
                new TlsSettings(TlsSettings.Mode.NO, null, null, "TLSv1.2", true), java.util.List.of()));
    }

    /** Reads and checks a file; notices about ignored settings go to {@code log}. */
    public static LoftConfig load(Path file, Consumer<String> log) {
        return from(ConfigParser.parse(file), false, log);
    }

    /** The embedded single-node default: data under ./var. */
    public static LoftConfig embeddedDefault() {
        try (InputStream in = LoftConfig.class.getResourceAsStream("/loft-default.conf")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return from(ConfigParser.parse(text, "(embedded default)", null), true, s -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoftConfig from(ConfigSection root, boolean embedded, Consumer<String> log) {
        Set<String> notices = new LinkedHashSet<>();
        check(root, notices);
        notices.forEach(log);
        Setting location = root.setting("mail_location").orElseThrow(() -> new ConfigException(
                root.origin().file() + ": mail_location is not set (e.g. mail_location = dbox:/var/mail/%d/%n)"));
        long rotate = root.setting("mdbox_rotate_size").map(s -> size(s)).orElse(DEFAULT_ROTATE_SIZE);
        boolean fsync = root.setting("mail_fsync").map(LoftConfig::fsync).orElse(true);
        MailLocation mail = MailLocation.parse(location.value(), location.origin());
        try {
            // Expand once now, so a bad variable stops startup instead of failing every login.
            mail.userDir(new org.loftmail.core.model.UserId("check@example.org"));
        } catch (ConfigException e) {
            throw new ConfigException(location.origin(), e.getMessage());
        }
        return new LoftConfig(mail, rotate, fsync, embedded, ServiceSettings.from(root));
    }

    private static void check(ConfigSection root, Set<String> notices) {
        for (Setting s : root.settings().values()) {
            checkRootKey(s, notices);
        }
        for (ConfigSection sec : root.sections()) {
            switch (sec.type()) {
                case "protocol", "local", "remote", "local_name" ->
                        sec.settings().values().forEach(s -> checkRootKey(s, notices));
                case "service" -> checkService(sec);
                case "passdb", "userdb" -> checkKeys(sec, KnownSettings.AUTH_DB);
                case "namespace" -> {
                    checkKeys(sec, KnownSettings.NAMESPACE);
                    for (ConfigSection mb : sec.sections()) {
                        if (!mb.type().equals("mailbox")) {
                            throw new ConfigException(mb.origin(), "unknown section '" + mb.type() + "' in namespace");
                        }
                        checkKeys(mb, KnownSettings.MAILBOX);
                    }
                }
                case "plugin", "dict", "auth_policy", "metric", "event_exporter" -> {
                    // Free-form in Dovecot too: plugin settings are defined by each plugin.
                }
                default -> throw new ConfigException(sec.origin(), "unknown section '" + sec.type() + "'");
            }
        }
    }

    private static void checkRootKey(Setting s, Set<String> notices) {
        if (KnownSettings.IMPLEMENTED.contains(s.key())) {
            return;
        }
        if (KnownSettings.LATER.contains(s.key())) {
            notices.add(s.origin() + ": " + s.key() + " is not implemented by Loft yet; ignored");
        } else if (KnownSettings.NOT_NEEDED.contains(s.key())) {
            notices.add(s.origin() + ": " + s.key() + " ignored, not needed by Loft");
        } else {
            throw new ConfigException(s.origin(), "unknown setting '" + s.key() + "'");
        }
    }

    private static void checkService(ConfigSection sec) {
        checkKeys(sec, KnownSettings.SERVICE);
        for (ConfigSection l : sec.sections()) {
            if (!Set.of("inet_listener", "unix_listener", "fifo_listener").contains(l.type())) {
                throw new ConfigException(l.origin(), "unknown section '" + l.type() + "' in service");
            }
            checkKeys(l, KnownSettings.LISTENER);
        }
    }

    private static void checkKeys(ConfigSection sec, Set<String> allowed) {
        for (Setting s : sec.settings().values()) {
            if (!allowed.contains(s.key())) {
                throw new ConfigException(s.origin(), "unknown setting '" + s.key() + "' in " + sec.type() + " section");
            }
        }
        if (!sec.type().equals("namespace") && !sec.type().equals("service") && !sec.sections().isEmpty()) {
            ConfigSection nested = sec.sections().get(0);
            throw new ConfigException(nested.origin(), "unexpected section '" + nested.type() + "' in " + sec.type());
        }
    }

    /** Dovecot sizes: a number with an optional B/k/M/G/T suffix (powers of 1024). */
    static long size(Setting s) {
        String v = s.value().strip().toUpperCase(Locale.ROOT).replace(" ", "");
        if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult > 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(s.origin(), s.key() + " must be a size like 64M, got '" + s.value() + "'");
        }
    }

    private static boolean fsync(Setting s) {
        return switch (s.value()) {
            case "always", "optimized" -> true;
            case "never" -> false;
            default -> throw new ConfigException(s.origin(), "mail_fsync must be always, optimized or never");
        };
    }
}
