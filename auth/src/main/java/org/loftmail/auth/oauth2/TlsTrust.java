package org.loftmail.auth.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom the HTTP client trusts: the JDK's trust store, the PEM certificates of
 * {@code tls_ca_cert_file} alone (as Dovecot's {@code ssl_ca_file}), or, with
 * {@code tls_allow_invalid_cert = yes}, any certificate for any host name.
 */
final class TlsTrust {
    private TlsTrust() {
    }

    /**
     * The X.509 certificates in a PEM file (a CA bundle such as /etc/ssl/certs/ca-certificates.crt).
     * Throws {@link IllegalArgumentException} if the file cannot be read or holds no certificate.
     */
    static List<X509Certificate> anchors(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not a file of PEM certificates: " + e.getMessage(), e);
        }
        List<X509Certificate> x509 = new ArrayList<>();
        for (Certificate c : certs) {
            if (c instanceof X509Certificate) {
                x509.add((X509Certificate) c);
            }
        }
        if (x509.isEmpty()) {
            throw new IllegalArgumentException(pem + " holds no certificate");
        }
        return x509;
    }

    /** The TLS context for {@code http}'s settings; {@link IllegalArgumentException} for an unusable CA file. */
    static SSLContext context(Introspection.Http http) {
        try {
            if (http.allowInvalidCert()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            if (http.caCertFile() == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : anchors(http.caCertFile())) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every chain. Being an {@link X509ExtendedTrustManager}, it is also where JSSE would
     * check the host name, so host names are not checked either, as Dovecot's
     * {@code tls_allow_invalid_cert} does.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
