package org.loftmail.auth.oauth2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An OAuth2 server on 127.0.0.1 (an ephemeral port) that answers each path as told and records
 * every request it saw, so tests can assert how the token travelled.
 */
final class FakeIdp implements AutoCloseable {
    /** One request as the server saw it; the query and path are raw (still percent-encoded). */
    record Seen(String method, String path, String query, String authorization, String contentType, String body) {
    }

    record Reply(int status, String body, long delayMillis, String location) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    private FakeIdp(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static FakeIdp http() {
        try {
            return new FakeIdp(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeIdp https(SSLContext tls) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeIdp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} (or https). */
    String base() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeIdp answer(String path, int status, String body) {
        replies.put(path, new Reply(status, body, 0, null));
        return this;
    }

    FakeIdp slow(String path, long delayMillis, String body) {
        replies.put(path, new Reply(200, body, delayMillis, null));
        return this;
    }

    FakeIdp redirect(String path, String location) {
        replies.put(path, new Reply(302, "", 0, location));
        return this;
    }

    /** The one request the server saw. */
    Seen only() {
        if (seen.size() != 1) {
            throw new AssertionError("expected one request, the server saw " + seen);
        }
        return seen.get(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = x.getRequestURI().getRawPath();
        seen.add(new Seen(x.getRequestMethod(), path, x.getRequestURI().getRawQuery(),
                x.getRequestHeaders().getFirst("Authorization"), x.getRequestHeaders().getFirst("Content-Type"), body));
        Reply r = replies.getOrDefault(path, new Reply(404, "{\"error\":\"not_found\"}", 0, null));
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                x.close();
                return;
            }
        }
        if (r.location() != null) {
            x.getResponseHeaders().add("Location", r.location());
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
