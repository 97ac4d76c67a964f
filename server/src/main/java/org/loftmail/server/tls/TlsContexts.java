package org.loftmail.server.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Netty server contexts from {@code ssl_cert}/{@code ssl_key} PEM files (RSA or EC, PKCS#8 or
 * traditional), on OpenSSL (netty-tcnative BoringSSL) when it loads, else the JDK's engine.
 */
public final class TlsContexts {
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsContexts() {
    }

    /** The provider Loft uses on this machine. */
    public static SslProvider defaultProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** {@code minProtocol} is Dovecot's {@code ssl_min_protocol} (e.g. {@code TLSv1.2}). */
    public static SslContext server(Path cert, Path key, String minProtocol, SslProvider provider) {
        int min = PROTOCOLS.indexOf(minProtocol);
        if (min < 0) {
            throw new IllegalArgumentException("ssl_min_protocol must be one of " + PROTOCOLS + ", got " + minProtocol);
        }
        List<String> enabled = new ArrayList<>(PROTOCOLS.subList(min, PROTOCOLS.size()));
        try {
            return SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(provider)
                    .protocols(enabled).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use ssl_cert " + cert + " / ssl_key " + key + ": "
                    + e.getMessage(), e);
        }
    }
}
