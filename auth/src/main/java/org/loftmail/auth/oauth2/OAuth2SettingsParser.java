package org.loftmail.auth.oauth2;

import org.loftmail.core.config.DovecotSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link OAuth2Settings} from Dovecot's {@code key = value} file, strictly: each line is
 * checked on its own first, then the settings together, once the mode is known.
 */
final class OAuth2SettingsParser {
    private static final Logger LOG = LoggerFactory.getLogger(OAuth2Settings.class);
    private static final String FS_POSIX = "fs:posix:prefix=";
    /** Settings of any mode. */
    private static final Set<String> COMMON = Set.of("introspection_mode", "local_validation_key_dict",
            "username_attribute", "username_format", "issuers", "active_attribute", "active_value", "client_id",
            "scope", "use_grant_password", "pass_attrs", "grant_url");
    /** HTTP settings Loft honours. */
    private static final Set<String> HTTP = Set.of("introspection_url", "tokeninfo_url", "timeout_msecs",
            "tls_ca_cert_file", "tls_allow_invalid_cert", "force_introspection", "client_secret", "send_auth_headers");
    /**
     * HTTP settings Loft cannot honour: a client certificate, OpenSSL's CA directories and cipher
     * strings. Asking the server without them is not what the admin configured, so they are refused.
     */
    private static final Set<String> HTTP_UNSUPPORTED = Set.of("tls_ca_cert_dir", "tls_cert_file", "tls_key_file",
            "tls_cipher_suite");
    /**
     * Settings that tune Dovecot's HTTP client, its debugging, or the SASL mechanism: the JDK's
     * client pools connections on its own, so they change nothing in Loft and are noted and skipped.
     */
    private static final Set<String> IGNORED = Set.of("rawlog_dir", "max_idle_time_msecs",
            "max_parallel_connections", "max_pipelined_requests", "debug", "blocking", "openid_configuration_url");
    private static final Set<String> URLS = Set.of("introspection_url", "tokeninfo_url");
    /** 10 minutes: a longer wait for a login is a misreading of the unit. */
    private static final long MAX_TIMEOUT_MSECS = 600_000;

    private OAuth2SettingsParser() {
    }

    static OAuth2Settings parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OAuth2ConfigException("cannot read " + file + ": " + e, e);
        }
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = DovecotSyntax.withoutComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new OAuth2ConfigException(where + ": expected 'key = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            if (lineOf.containsKey(key)) {
                throw new OAuth2ConfigException(where + ": " + key + " is already set at line " + lineOf.get(key));
            }
            check(where, key, value);
            lineOf.put(key, i + 1);
            values.put(key, value);
        }
        return new Settings(file, values, lineOf).build();
    }

    /** Refuses a value that is wrong or that Loft cannot honour in any mode. */
    private static void check(String where, String key, String value) {
        switch (key) {
            case "introspection_mode":
                if (!Set.of("", "local", "auth", "get", "post").contains(value)) {
                    throw new OAuth2ConfigException(where + ": unknown introspection_mode '" + value
                            + "' (local, auth, get or post)");
                }
                return;
            case "local_validation_key_dict":
                checkKeyDict(where, value);
                return;
            case "username_attribute":
                if (value.isEmpty()) {
                    throw new OAuth2ConfigException(where + ": username_attribute is empty");
                }
                return;
            case "username_format":
                if (!value.equals("%u") && !value.equals("%{user}") && !lowercase(value)) {
                    throw new OAuth2ConfigException(where + ": username_format '" + value
                            + "' is not supported (%Lu or %u)");
                }
                return;
            case "use_grant_password":
                if (yes(where, key, value)) {
                    throw new OAuth2ConfigException(where + ": use_grant_password (password grants) is not"
                            + " supported yet");
                }
                return;
            case "grant_url":
                if (!value.isEmpty()) {
                    throw new OAuth2ConfigException(where + ": grant_url (password grants) is not supported yet");
                }
                return;
            case "pass_attrs":
                if (!value.isEmpty()) {
                    throw new OAuth2ConfigException(where + ": pass_attrs is not supported yet");
                }
                return;
            case "introspection_url":
            case "tokeninfo_url":
                try {
                    Introspection.Http.checkUrl(key, value);
                } catch (IllegalArgumentException e) {
                    throw new OAuth2ConfigException(where + ": " + e.getMessage());
                }
                return;
            case "timeout_msecs":
                timeoutMsecs(where, value);
                return;
            case "tls_allow_invalid_cert":
            case "force_introspection":
            case "send_auth_headers":
                yes(where, key, value);
                return;
            default:
                if (!COMMON.contains(key) && !HTTP.contains(key) && !HTTP_UNSUPPORTED.contains(key)
                        && !IGNORED.contains(key)) {
                    throw new OAuth2ConfigException(where + ": unknown setting '" + key + "'");
                }
        }
    }

    private static void checkKeyDict(String where, String value) {
        if (!value.startsWith(FS_POSIX)) {
            throw new OAuth2ConfigException(where + ": local_validation_key_dict: only " + FS_POSIX
                    + "DIR is supported, not '" + value + "'");
        }
        boolean absolute;
        try {
            absolute = Path.of(value.substring(FS_POSIX.length())).isAbsolute();
        } catch (InvalidPathException e) {
            throw new OAuth2ConfigException(where + ": local_validation_key_dict: " + e.getMessage(), e);
        }
        if (!absolute) {
            throw new OAuth2ConfigException(where + ": local_validation_key_dict: the prefix must be"
                    + " an absolute directory");
        }
    }

    /** Dovecot's booleans; empty is the default, no. */
    private static boolean yes(String where, String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes":
            case "y":
            case "1":
                return true;
            case "no":
            case "n":
            case "0":
            case "":
                return false;
            default:
                throw new OAuth2ConfigException(where + ": " + key + " must be yes or no, not '" + value + "'");
        }
    }

    /** Milliseconds; 0 (Dovecot's default) or empty means Loft's default. */
    private static Duration timeoutMsecs(String where, String value) {
        if (value.isEmpty()) {
            return Introspection.Http.DEFAULT_TIMEOUT;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() > 9) {
            throw new OAuth2ConfigException(where + ": timeout_msecs must be a number of milliseconds, not '"
                    + value + "'");
        }
        long ms = Long.parseLong(value);
        if (ms > MAX_TIMEOUT_MSECS) {
            throw new OAuth2ConfigException(where + ": timeout_msecs " + ms + " is more than "
                    + MAX_TIMEOUT_MSECS + " (10 minutes)");
        }
        return ms == 0 ? Introspection.Http.DEFAULT_TIMEOUT : Duration.ofMillis(ms);
    }

    private static boolean lowercase(String format) {
        return format.equals("%Lu") || format.equals("%L{user}");
    }

    private static List<String> words(String value, String separator) {
        return Arrays.stream(value.split(separator)).filter(w -> !w.isEmpty()).toList();
    }

    /** Dovecot allows a value in double quotes (to keep spaces at its ends). */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The checks that need the whole file: which mode, and what it requires and refuses. */
    private static final class Settings {
        private final Path file;
        private final Map<String, String> v;
        private final Map<String, Integer> lineOf;

        Settings(Path file, Map<String, String> values, Map<String, Integer> lineOf) {
            this.file = file;
            this.v = values;
            this.lineOf = lineOf;
        }

        OAuth2Settings build() {
            String activeAttribute = get("active_attribute");
            if (activeAttribute.isEmpty() && !get("active_value").isEmpty()) {
                throw error("active_value", "active_value needs active_attribute");
            }
            return new OAuth2Settings(introspection(), v.getOrDefault("username_attribute", "email"),
                    lowercase(v.getOrDefault("username_format", "%Lu")), words(get("issuers"), "\\s+"),
                    activeAttribute, get("active_value"), get("client_id"), words(get("scope"), "[\\s,]+"));
        }

        private Introspection introspection() {
            String mode = get("introspection_mode");
            boolean keys = !get("local_validation_key_dict").isEmpty();
            boolean urls = !get("introspection_url").isEmpty() || !get("tokeninfo_url").isEmpty();
            if (mode.isEmpty() && keys && !urls) {
                throw new OAuth2ConfigException(file + ": introspection_mode = local is required with"
                        + " local_validation_key_dict (Dovecot's default mode, auth, asks introspection_url)");
            }
            if (mode.equals("local")) {
                return local(keys);
            }
            if (keys) {
                throw error("local_validation_key_dict", "local_validation_key_dict cannot be combined with"
                        + " introspection_mode = " + (mode.isEmpty() ? "auth (the default)" : mode)
                        + ": Loft checks a token either with local keys or over HTTP");
            }
            return http(mode.isEmpty() ? "auth" : mode);
        }

        private Introspection local(boolean keys) {
            for (String url : URLS) {
                if (!get(url).isEmpty()) {
                    throw error(url, url + " cannot be combined with introspection_mode = local: Loft checks"
                            + " a token either with local keys or over HTTP (auth, get or post)");
                }
            }
            if (!keys) {
                throw new OAuth2ConfigException(file + ": local_validation_key_dict = " + FS_POSIX
                        + "DIR is required with introspection_mode = local");
            }
            for (String key : v.keySet()) {
                if (HTTP.contains(key) || HTTP_UNSUPPORTED.contains(key) || IGNORED.contains(key)) {
                    LOG.info("{}:{}: {} is ignored: with introspection_mode = local Loft validates tokens"
                            + " without HTTP", file, lineOf.get(key), key);
                }
            }
            String dict = get("local_validation_key_dict");
            return new Introspection.Local(Path.of(dict.substring(FS_POSIX.length())));
        }

        private Introspection http(String mode) {
            for (String key : HTTP_UNSUPPORTED) {
                if (!get(key).isEmpty()) {
                    throw error(key, key + " is not supported: Loft's HTTP client trusts tls_ca_cert_file (or the"
                            + " JDK's trust store), has no client certificate and uses the JDK's TLS ciphers");
                }
            }
            for (String key : IGNORED) {
                if (v.containsKey(key)) {
                    LOG.info("{}:{}: {} is ignored: it tunes Dovecot's HTTP client", file, lineOf.get(key), key);
                }
            }
            if (yes(where("send_auth_headers"), "send_auth_headers", get("send_auth_headers"))) {
                throw error("send_auth_headers", "send_auth_headers (X-Dovecot-Auth-* headers) is not supported");
            }
            String introspectionUrl = get("introspection_url");
            String tokeninfoUrl = get("tokeninfo_url");
            if (introspectionUrl.isEmpty() && tokeninfoUrl.isEmpty()) {
                throw new OAuth2ConfigException(file + ": introspection_url (or tokeninfo_url) is required with"
                        + " introspection_mode = " + mode + (v.containsKey("introspection_mode") ? ""
                        : " (Dovecot's default); for JWTs checked with local keys, set introspection_mode = local"));
            }
            Introspection.Mode m = Introspection.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
            if (m == Introspection.Mode.AUTH && !introspectionUrl.isEmpty()
                    && Introspection.Http.hasCredentials(introspectionUrl)) {
                throw error("introspection_url", "introspection_url has user:password@, but introspection_mode ="
                        + " auth sends the token in the Authorization header; use introspection_mode = post");
            }
            if (!get("client_secret").isEmpty() && m != Introspection.Mode.GET) {
                LOG.info("{}:{}: client_secret is ignored: only introspection_mode = get sends it (put client"
                        + " credentials for post in introspection_url as https://id:secret@host/...)",
                        file, lineOf.get("client_secret"));
            }
            for (String url : URLS) {
                if (get(url).regionMatches(true, 0, "http:", 0, 5)) {
                    LOG.warn("{}:{}: {} is http://: tokens cross the network unencrypted", file, lineOf.get(url), url);
                }
            }
            boolean force = yes(where("force_introspection"), "force_introspection", get("force_introspection"));
            if (force && (tokeninfoUrl.isEmpty() || introspectionUrl.isEmpty())) {
                LOG.info("{}:{}: force_introspection only matters with both tokeninfo_url and introspection_url",
                        file, lineOf.get("force_introspection"));
            }
            Path ca = caCertFile();
            Introspection.Http http = new Introspection.Http(m, introspectionUrl, tokeninfoUrl, force,
                    get("client_secret"), timeoutMsecs(where("timeout_msecs"), get("timeout_msecs")), ca,
                    yes(where("tls_allow_invalid_cert"), "tls_allow_invalid_cert", get("tls_allow_invalid_cert")));
            if (http.allowInvalidCert()) {
                LOG.warn("{}:{}: tls_allow_invalid_cert = yes: any server can answer for the OAuth2 server",
                        file, lineOf.get("tls_allow_invalid_cert"));
            }
            return http;
        }

        private Path caCertFile() {
            String value = get("tls_ca_cert_file");
            if (value.isEmpty()) {
                return null;
            }
            try {
                Path ca = Path.of(value);
                TlsTrust.anchors(ca);
                return ca;
            } catch (IllegalArgumentException e) {
                throw error("tls_ca_cert_file", "tls_ca_cert_file: " + e.getMessage());
            }
        }

        private String get(String key) {
            return v.getOrDefault(key, "");
        }

        private String where(String key) {
            return file + ":" + lineOf.get(key);
        }

        private OAuth2ConfigException error(String key, String reason) {
            return new OAuth2ConfigException(where(key) + ": " + reason);
        }
    }
}
