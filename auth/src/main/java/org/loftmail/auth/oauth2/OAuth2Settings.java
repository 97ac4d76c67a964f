package org.loftmail.auth.oauth2;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an oauth2 passdb checks, read from a Dovecot {@code dovecot-oauth2.conf.ext} file with
 * {@link #parse(Path)}. The checks after {@code introspection} apply to the claims of a local JWT
 * and to the JSON answer of an HTTP check alike.
 *
 * @param introspection     {@code introspection_mode}: local JWT keys, or which URLs to ask and how
 * @param usernameAttribute {@code username_attribute}: the claim that names the user (default {@code email})
 * @param lowercaseUsername {@code username_format}: {@code %Lu} (Dovecot's default) lowercases both the
 *                          claim and the name the client gave before comparing them; {@code %u} keeps case
 * @param issuers           {@code issuers}: allowed {@code iss} values (a server's answer may leave it out);
 *                          empty allows any
 * @param activeAttribute   {@code active_attribute}: a claim that must be present; empty for no check
 * @param activeValue       {@code active_value}: the value {@code activeAttribute} must have; empty for any
 * @param clientId          {@code client_id}: when set, a JWT's {@code aud} must name it (as Dovecot checks),
 *                          and so must the {@code aud} or {@code client_id} of a server's answer that has them;
 *                          {@code introspection_mode = get} also sends it
 * @param scopes            {@code scope}: scopes that must all be in the token's {@code scope} claim
 */
public record OAuth2Settings(Introspection introspection, String usernameAttribute, boolean lowercaseUsername,
                             List<String> issuers, String activeAttribute, String activeValue, String clientId,
                             List<String> scopes) {
    public OAuth2Settings {
        Objects.requireNonNull(introspection, "introspection");
        Objects.requireNonNull(usernameAttribute, "usernameAttribute");
        if (usernameAttribute.isEmpty()) {
            throw new IllegalArgumentException("usernameAttribute is empty");
        }
        issuers = List.copyOf(issuers);
        activeAttribute = Objects.requireNonNull(activeAttribute, "activeAttribute");
        activeValue = Objects.requireNonNull(activeValue, "activeValue");
        clientId = Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
    }

    /** Dovecot's defaults with keys in {@code keyDirectory}: user from {@code email}, lowercased, any issuer. */
    public static OAuth2Settings local(Path keyDirectory) {
        return new OAuth2Settings(new Introspection.Local(keyDirectory), "email", true, List.of(), "", "", "",
                List.of());
    }

    /** Dovecot's defaults with tokens checked by {@code http}: user from {@code email}, lowercased, any issuer. */
    public static OAuth2Settings http(Introspection.Http http) {
        return new OAuth2Settings(http, "email", true, List.of(), "", "", "", List.of());
    }

    /**
     * Reads a {@code dovecot-oauth2.conf.ext} file ({@code key = value} lines, {@code #} comments).
     * Throws {@link OAuth2ConfigException} ({@code file:line: reason}) for unknown settings, settings
     * that contradict the mode (local keys with an HTTP mode, URLs with {@code local}) and settings
     * Loft cannot honour; settings that only tune Dovecot's HTTP client (or, with {@code local}, any
     * HTTP setting) are ignored with a logged notice.
     */
    public static OAuth2Settings parse(Path file) {
        return OAuth2SettingsParser.parse(file);
    }
}
