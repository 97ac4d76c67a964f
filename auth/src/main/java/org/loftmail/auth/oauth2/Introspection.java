package org.loftmail.auth.oauth2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How a token is checked: Dovecot's {@code introspection_mode}. */
public sealed interface Introspection {
    /** {@code introspection_mode = local}: a signed JWT, checked with keys from {@code keyDirectory}. */
    record Local(Path keyDirectory) implements Introspection {
        public Local {
            Objects.requireNonNull(keyDirectory, "keyDirectory");
        }
    }

    /** How the token travels to {@code introspection_url}. */
    enum Mode {
        /** {@code auth}: {@code GET introspection_url} with {@code Authorization: Bearer <token>}. */
        AUTH,
        /** {@code get}: {@code GET introspection_url<token>}, the token URL-encoded and appended. */
        GET,
        /** {@code post}: RFC 7662, {@code POST introspection_url} with the form {@code token=<token>}. */
        POST
    }

    /**
     * {@code introspection_mode = auth | get | post}: the OAuth2 server is asked over HTTP. When
     * {@code tokeninfoUrl} is set it is asked first ({@code GET tokeninfoUrl<token>}), and
     * {@code introspectionUrl}, if set, only when the answer lacks the user or active attribute, or
     * {@code forceIntrospection} is set; the two answers are merged, the introspection's winning.
     *
     * @param mode               how the token is sent to {@code introspectionUrl}
     * @param introspectionUrl   {@code introspection_url}; empty when only {@code tokeninfoUrl} checks tokens.
     *                           {@code user:pass@} in it becomes HTTP Basic authentication
     * @param tokeninfoUrl       {@code tokeninfo_url}; empty for none
     * @param forceIntrospection {@code force_introspection}: ask {@code introspectionUrl} after tokeninfo always
     * @param clientSecret       {@code client_secret}: with {@link Mode#GET}, sent (with {@code client_id}) in the URL
     * @param timeout            {@code timeout_msecs}: one deadline for everything one login asks over HTTP
     * @param caCertFile         {@code tls_ca_cert_file}: the only trust anchors for https; null for the JDK's
     * @param allowInvalidCert   {@code tls_allow_invalid_cert}: accept any server certificate and host name
     */
    record Http(Mode mode, String introspectionUrl, String tokeninfoUrl, boolean forceIntrospection,
                String clientSecret, Duration timeout, Path caCertFile, boolean allowInvalidCert)
            implements Introspection {
        /** Dovecot leaves the time to its HTTP client (a minute); a login should not wait that long. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Http {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(introspectionUrl, "introspectionUrl");
            Objects.requireNonNull(tokeninfoUrl, "tokeninfoUrl");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(timeout, "timeout");
            if (introspectionUrl.isEmpty() && tokeninfoUrl.isEmpty()) {
                throw new IllegalArgumentException("introspectionUrl or tokeninfoUrl is needed");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            checkUrl("introspectionUrl", introspectionUrl);
            checkUrl("tokeninfoUrl", tokeninfoUrl);
            if (mode == Mode.AUTH && !introspectionUrl.isEmpty() && hasCredentials(introspectionUrl)) {
                // Dovecot would send the credentials instead of the token.
                throw new IllegalArgumentException("introspectionUrl has user:password@, but mode auth sends"
                        + " the token in the Authorization header");
            }
        }

        /** The URL has {@code user:pass@}, which becomes HTTP Basic authentication. */
        static boolean hasCredentials(String url) {
            return URI.create(url + "t").getRawUserInfo() != null;
        }

        /** {@code mode} at {@code url} with Dovecot's defaults: no tokeninfo, 10 s, the JDK's trust anchors. */
        public static Http of(Mode mode, String url) {
            return new Http(mode, url, "", false, "", DEFAULT_TIMEOUT, null, false);
        }

        /** Without the client secret and the {@code user:pass@} of the URLs, which are not for logs. */
        @Override
        public String toString() {
            return "Http[mode=" + mode + ", introspectionUrl=" + redacted(introspectionUrl) + ", tokeninfoUrl="
                    + redacted(tokeninfoUrl) + ", forceIntrospection=" + forceIntrospection + ", clientSecret="
                    + (clientSecret.isEmpty() ? "" : "(set)") + ", timeout=" + timeout + ", caCertFile=" + caCertFile
                    + ", allowInvalidCert=" + allowInvalidCert + "]";
        }

        private static String redacted(String url) {
            int start = url.indexOf("://") + 3;
            int at = url.indexOf('@', start);
            int end = url.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int i = url.indexOf(c, start);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            return at < 0 || at > end ? url : url.substring(0, start) + "(credentials)@" + url.substring(at + 1);
        }

        /** An http or https URL with a host; empty means none. */
        static void checkUrl(String name, String url) {
            if (url.isEmpty()) {
                return;
            }
            URI uri;
            try {
                // Dovecot appends the token to some URLs; they must still parse with something after them.
                uri = new URI(url + "t");
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(name + " is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException(name + " must be an http:// or https:// URL");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(name + " has no host");
            }
        }
    }
}
