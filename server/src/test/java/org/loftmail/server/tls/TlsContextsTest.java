package org.loftmail.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS handshake over loopback against the self-signed certificate, verifying host names. */
class TlsContextsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsMadeOnceAndHasLoopbackSans() throws Exception {
        Path[] files = SelfSignedCertificate.ensure(dir, "mail.example.org");
        byte[] first = Files.readAllBytes(files[0]);
        SelfSignedCertificate.ensure(dir, "mail.example.org");
        assertEquals(new String(first, StandardCharsets.US_ASCII), Files.readString(files[0]), "not re-made on restart");
        X509Certificate cert = certificate(files[0]);
        List<String> sans = new ArrayList<>();
        cert.getSubjectAlternativeNames().forEach(s -> sans.add(String.valueOf(s.get(1))));
        assertTrue(sans.containsAll(List.of("localhost", "mail.example.org", "127.0.0.1")), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1")), sans.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(files[1])), "the private key is readable by its owner only");
    }

    @Test
    void handshakeVerifiesHostNamesWithEveryAvailableEngine() throws Exception {
        Path[] files = SelfSignedCertificate.ensure(dir, "mail.example.org");
        List<SslProvider> providers = new ArrayList<>(List.of(SslProvider.JDK));
        if (OpenSsl.isAvailable()) {
            providers.add(SslProvider.OPENSSL);
        }
        for (SslProvider provider : providers) {
            SslContext ctx = TlsContexts.server(files[0], files[1], "TLSv1.2", provider);
            try (Server server = new Server(ctx)) {
                for (String host : List.of("localhost", "127.0.0.1")) {
                    assertEquals("hello over TLS", clientLine(files[0], host, server.port()), provider + " " + host);
                }
                assertThrows(SSLHandshakeException.class, () -> clientLine(files[0], "wrong.example.net", server.port()),
                        "a name not in the certificate must fail verification");
            }
        }
    }

    @Test
    void badPemOrProtocolIsAClearError() throws Exception {
        Path[] files = SelfSignedCertificate.ensure(dir, "x");
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a pem\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.server(junk, files[1], "TLSv1.2", SslProvider.JDK));
        assertTrue(e.getMessage().startsWith("cannot use ssl_cert " + junk), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsContexts.server(files[0], files[1], "SSLv3", SslProvider.JDK));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String clientLine(Path certPem, String host, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("loft", certificate(certPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        // Connect to 127.0.0.1 but verify as `host`: the layered socket's peer host is what
        // HTTPS endpoint identification checks against the certificate's SANs.
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port);
             SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** A Netty server that greets over TLS once the handshake is done. */
    private static final class Server implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel channel;

        Server(SslContext ctx) throws InterruptedException {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(ctx.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                                    if (evt instanceof SslHandshakeCompletionEvent && ((SslHandshakeCompletionEvent) evt).isSuccess()) {
                                        c.writeAndFlush(Unpooled.copiedBuffer("hello over TLS\r\n", StandardCharsets.US_ASCII));
                                    }
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                                    c.close(); // the wrong-host case fails the handshake on purpose
                                }
                            });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
