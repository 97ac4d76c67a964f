package org.loftmail.auth.oauth2;

import org.loftmail.core.config.DovecotSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@link OAuth2Settings} from Dovecot's {@code key = value} file, strictly. */
final class OAuth2SettingsParser {
    private static final Logger LOG = LoggerFactory.getLogger(OAuth2Settings.class);
    private static final String FS_POSIX = "fs:posix:prefix=";
    /**
     * Dovecot settings that only tune the HTTP client, TLS or debugging of online introspection.
     * A Dovecot file may carry them; without HTTP they change nothing, so they are noted and skipped.
     */
    private static final Set<String> IGNORED = Set.of("tls_ca_cert_file", "tls_ca_cert_dir", "tls_cert_file",
            "tls_key_file", "tls_cipher_suite", "tls_allow_invalid_cert", "rawlog_dir", "timeout_msecs",
            "max_idle_time_msecs", "max_parallel_connections", "max_pipelined_requests", "debug", "blocking",
            "force_introspection", "send_auth_headers", "client_secret", "openid_configuration_url");
    /**
     * Settings that would make Dovecot ask the OAuth2 server. Ignoring them would judge tokens
     * differently from what the admin configured, so a non-empty value is refused.
     */
    private static final Set<String> ONLINE = Set.of("tokeninfo_url", "introspection_url", "grant_url");

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
        return settings(file, values, lineOf);
    }

    /** Refuses a value Loft cannot honour; notes one it does not need. */
    private static void check(String where, String key, String value) {
        switch (key) {
            case "introspection_mode":
                if (value.equals("auth") || value.equals("get") || value.equals("post")) {
                    throw new OAuth2ConfigException(where + ": introspection_mode = " + value + " (asking the OAuth2"
                            + " server over HTTP) is not supported yet; use introspection_mode = local");
                }
                if (!value.equals("local")) {
                    throw new OAuth2ConfigException(where + ": unknown introspection_mode '" + value
                            + "' (local; auth, get and post are not supported yet)");
                }
                return;
            case "local_validation_key_dict":
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
                if (!value.isEmpty() && !value.equals("no")) {
                    throw new OAuth2ConfigException(where + ": use_grant_password (password grants) is not"
                            + " supported yet");
                }
                return;
            case "pass_attrs":
                if (!value.isEmpty()) {
                    throw new OAuth2ConfigException(where + ": pass_attrs is not supported yet");
                }
                return;
            case "issuers":
            case "active_attribute":
            case "active_value":
            case "client_id":
            case "scope":
                return;
            default:
                if (ONLINE.contains(key)) {
                    if (!value.isEmpty()) {
                        throw new OAuth2ConfigException(where + ": " + key + " is not supported yet: Loft does not"
                                + " ask the OAuth2 server, it validates JWTs with local keys (introspection_mode = local)");
                    }
                    return;
                }
                if (IGNORED.contains(key)) {
                    LOG.info("{}: {} is ignored: Loft validates tokens locally, without HTTP", where, key);
                    return;
                }
                throw new OAuth2ConfigException(where + ": unknown setting '" + key + "'");
        }
    }

    private static OAuth2Settings settings(Path file, Map<String, String> v, Map<String, Integer> lineOf) {
        if (!v.containsKey("introspection_mode")) {
            throw new OAuth2ConfigException(file + ": introspection_mode = local is required (Loft validates"
                    + " JWTs locally; asking the OAuth2 server is not supported yet)");
        }
        String dict = v.get("local_validation_key_dict");
        if (dict == null) {
            throw new OAuth2ConfigException(file + ": local_validation_key_dict = " + FS_POSIX
                    + "DIR is required with introspection_mode = local");
        }
        String activeAttribute = v.getOrDefault("active_attribute", "");
        String activeValue = v.getOrDefault("active_value", "");
        if (activeAttribute.isEmpty() && !activeValue.isEmpty()) {
            throw new OAuth2ConfigException(file + ":" + lineOf.get("active_value")
                    + ": active_value needs active_attribute");
        }
        return new OAuth2Settings(new Introspection.Local(Path.of(dict.substring(FS_POSIX.length()))),
                v.getOrDefault("username_attribute", "email"),
                lowercase(v.getOrDefault("username_format", "%Lu")),
                words(v.getOrDefault("issuers", ""), "\\s+"),
                activeAttribute, activeValue, v.getOrDefault("client_id", ""),
                words(v.getOrDefault("scope", ""), "[\\s,]+"));
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
}
