package org.loftmail.auth.oauth2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Asks the OAuth2 server about a token, as Dovecot's oauth2 passdb does with
 * {@code introspection_mode = auth | get | post} and {@code tokeninfo_url}, then applies the same
 * checks as to a local JWT's claims ({@link ClaimChecks}, and {@code exp} when the answer has it).
 *
 * <p>What an answer means: HTTP 200 with a JSON object is the server's word on the token. 400, 401
 * and 403 reject the token when it travelled in the request (auth, get, tokeninfo: RFC 6750's
 * {@code invalid_token}, Google's tokeninfo answers 400); with post they mean the server refused
 * Loft itself (RFC 7662 answers a bad token with {@code active: false}; 401 is our client
 * credentials), so the token may be good. Anything else (no connection, TLS failure, the deadline,
 * a redirect, another status, a body that is not a JSON object) says nothing about the token.
 *
 * <p>Results: the checked answer; {@link InvalidTokenException} when the token is rejected;
 * {@link UncheckedIOException} when the server could not be asked. No message holds the token or a
 * URL (a get URL carries the token and maybe {@code client_secret}). Thread-safe.
 */
final class HttpIntrospector {
    /** An answer about one token is a few hundred bytes; a user-info document a few KB. */
    static final int MAX_ANSWER = 64 * 1024;
    private static final String USER_AGENT = "Loft-oauth2-passdb";

    private final Introspection.Http http;
    private final String clientId;
    private final String usernameAttribute;
    private final String activeAttribute;
    private final ClaimChecks checks;
    private final Clock clock;
    private final Target introspection;
    private final Target tokeninfo;
    private final HttpClient client;

    /** Throws {@link IllegalArgumentException} when {@code tls_ca_cert_file} cannot be used. */
    HttpIntrospector(OAuth2Settings settings, Clock clock) {
        this.http = (Introspection.Http) settings.introspection();
        this.clientId = settings.clientId();
        this.usernameAttribute = settings.usernameAttribute();
        this.activeAttribute = settings.activeAttribute();
        this.checks = new ClaimChecks(settings);
        this.clock = clock;
        this.introspection = Target.of(http.introspectionUrl());
        this.tokeninfo = Target.of(http.tokeninfoUrl());
        // Redirects are not followed: the next host would be sent the token.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(http.timeout())
                .sslContext(TlsTrust.context(http)).build();
    }

    /** The server's answer about {@code token}, checked; see the class comment for the exceptions. */
    Map<String, Object> validate(String token) {
        checkSyntax(token);
        long deadline = System.nanoTime() + http.timeout().toNanos();
        Map<String, Object> answer;
        if (tokeninfo == null) {
            answer = ask(introspectionRequest(token, deadline), http.mode() == Introspection.Mode.POST,
                    "introspection_url", token, deadline);
        } else {
            answer = ask(tokeninfoRequest(token, deadline), false, "tokeninfo_url", token, deadline);
            if (introspection != null && (http.forceIntrospection() || !complete(answer))) {
                Map<String, Object> merged = new LinkedHashMap<>(answer);
                merged.putAll(ask(introspectionRequest(token, deadline), http.mode() == Introspection.Mode.POST,
                        "introspection_url", token, deadline));
                answer = merged;
            }
        }
        Long exp = ClaimChecks.numericDate(answer, "exp");
        long now = clock.instant().getEpochSecond();
        if (exp != null && now >= exp + JwtValidator.CLOCK_SKEW.toSeconds()) {
            throw new InvalidTokenException("token expired " + (now - exp) + " s ago");
        }
        checks.check(answer, false);
        return answer;
    }

    /** Dovecot asks introspection_url after tokeninfo only when the answer lacks what it needs. */
    private boolean complete(Map<String, Object> answer) {
        return answer.containsKey(usernameAttribute)
                && (activeAttribute.isEmpty() || answer.containsKey(activeAttribute));
    }

    /**
     * RFC 6750's b64token, and not too long. Anything else is no token any server issued, and
     * refusing it here keeps CR, LF and the like out of headers and URLs.
     */
    private static void checkSyntax(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        if (token.length() > JwtValidator.MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token longer than " + JwtValidator.MAX_TOKEN_LENGTH + " characters");
        }
        int end = token.length();
        while (end > 1 && token.charAt(end - 1) == '=') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!ok) {
                throw new InvalidTokenException("the token is not an RFC 6750 bearer token (character " + i + ")");
            }
        }
    }

    private HttpRequest introspectionRequest(String token, long deadline) {
        switch (http.mode()) {
            case AUTH:
                // Credentials in the URL are refused with auth: this header is where the token goes.
                return request(introspection.url, deadline).header("Authorization", "Bearer " + token).GET().build();
            case GET:
                StringBuilder url = new StringBuilder(introspection.url).append(encode(token));
                if (!clientId.isEmpty()) {
                    url.append("&client_id=").append(encode(clientId));
                }
                if (!http.clientSecret().isEmpty()) {
                    url.append("&client_secret=").append(encode(http.clientSecret()));
                }
                return introspection.authorize(request(url.toString(), deadline)).GET().build();
            case POST:
                return introspection.authorize(request(introspection.url, deadline))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + encode(token), StandardCharsets.US_ASCII))
                        .build();
            default:
                throw new IllegalStateException(http.mode().toString());
        }
    }

    /** As Dovecot: the token appended to the URL and, in auth mode, also as a Bearer header. */
    private HttpRequest tokeninfoRequest(String token, long deadline) {
        HttpRequest.Builder b = request(tokeninfo.url + encode(token), deadline);
        if (tokeninfo.basic == null && http.mode() == Introspection.Mode.AUTH) {
            b.header("Authorization", "Bearer " + token);
        }
        return tokeninfo.authorize(b).GET().build();
    }

    private HttpRequest.Builder request(String url, long deadline) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(remaining(deadline))
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
    }

    private Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw unavailable("no answer within " + http.timeout().toMillis() + " ms (timeout_msecs)");
        }
        return Duration.ofNanos(left);
    }

    private Map<String, Object> ask(HttpRequest request, boolean rfc7662, String what, String token, long deadline) {
        String server = what + " (" + request.uri().getHost() + ")";
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, BoundedBody.handler(MAX_ANSWER));
        HttpResponse<byte[]> response;
        try {
            // One deadline for connecting, TLS, the headers and the body.
            response = f.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw unavailable(server + ": no answer within " + http.timeout().toMillis() + " ms (timeout_msecs)");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(server + ": interrupted");
        } catch (ExecutionException e) {
            throw unavailable(scrub(server + ": " + describe(e.getCause()), token));
        }
        return answer(response, rfc7662, server, token);
    }

    private Map<String, Object> answer(HttpResponse<byte[]> response, boolean rfc7662, String server, String token) {
        int status = response.statusCode();
        if (status == 200) {
            Map<String, Object> answer;
            try {
                answer = JsonReader.readObject(response.body());
            } catch (IllegalArgumentException e) {
                throw unavailable(server + ": the answer is not a JSON object: " + e.getMessage());
            }
            if (answer.containsKey("error")) {
                throw new InvalidTokenException(scrub(server + " rejected the token" + detail(answer), token));
            }
            // RFC 7662 section 2.2: active is the answer; the other members only describe an active token.
            if (rfc7662 && answer.containsKey("active") && !Boolean.TRUE.equals(answer.get("active"))) {
                throw new InvalidTokenException("token is not active (" + server + " answered active: "
                        + InvalidTokenException.printable(String.valueOf(answer.get("active"))) + ")");
            }
            return answer;
        }
        String detail = scrub(detail(response.body()), token);
        if (status == 400 || status == 401 || status == 403) {
            if (rfc7662) {
                throw unavailable(server + " refused Loft's request with HTTP " + status
                        + (status == 400 ? "" : " (are the client credentials in introspection_url right?)") + detail);
            }
            throw new InvalidTokenException(server + " rejected the token with HTTP " + status + detail);
        }
        throw unavailable(server + " answered HTTP " + status + detail);
    }

    /** {@code : error_description} (or {@code error}) of a JSON error answer, fit for the log; else empty. */
    private static String detail(byte[] body) {
        try {
            return detail(JsonReader.readObject(body));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String detail(Map<String, Object> answer) {
        Object text = answer.get("error_description");
        if (!(text instanceof String)) {
            text = answer.get("error");
        }
        return text instanceof String ? ": " + InvalidTokenException.printable((String) text) : "";
    }

    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return "no answer in time (timeout_msecs)";
            }
            if (c instanceof ConnectException) {
                return "cannot connect" + (c.getMessage() == null ? "" : ": " + c.getMessage());
            }
            if (c instanceof SSLException) {
                return "TLS failed: " + c.getMessage();
            }
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Messages from the JDK and the server could quote the token; they never reach the log with it. */
    private static String scrub(String message, String token) {
        return message.replace(token, "<token>").replace(encode(token), "<token>");
    }

    private static UncheckedIOException unavailable(String reason) {
        return new UncheckedIOException(reason, new IOException(reason));
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, as Dovecot's http_url_escape_param. */
    static String encode(String value) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** A configured URL without its {@code user:pass@}, which becomes HTTP Basic authentication. */
    private static final class Target {
        final String url;
        final String basic;

        private Target(String url, String basic) {
            this.url = url;
            this.basic = basic;
        }

        static Target of(String url) {
            if (url.isEmpty()) {
                return null;
            }
            String info = URI.create(url + "t").getUserInfo();
            if (info == null) {
                return new Target(url, null);
            }
            int start = url.indexOf("://") + 3;
            // Userinfo cannot hold a raw '@', so the first one after the scheme ends it.
            String bare = url.substring(0, start) + url.substring(url.indexOf('@', start) + 1);
            byte[] pair = (info.indexOf(':') < 0 ? info + ":" : info).getBytes(StandardCharsets.UTF_8);
            return new Target(bare, "Basic " + Base64.getEncoder().encodeToString(pair));
        }

        HttpRequest.Builder authorize(HttpRequest.Builder b) {
            return basic == null ? b : b.header("Authorization", basic);
        }
    }
}
