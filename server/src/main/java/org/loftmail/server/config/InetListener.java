package org.loftmail.server.config;

import java.util.List;

/**
 * One {@code inet_listener} of a {@code service}: where to listen and whether TLS starts at once
 * ({@code ssl = yes}, implicit TLS as on 993) or by STARTTLS. Port 0 disables it, as in Dovecot.
 */
public record InetListener(String service, String name, List<String> addresses, int port, boolean implicitTls) {
    public InetListener {
        addresses = List.copyOf(addresses);
    }
}
