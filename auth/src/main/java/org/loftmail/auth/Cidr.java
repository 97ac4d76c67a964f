package org.loftmail.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 192.168.0.0/16} or {@code 2001:db8::/32}; a bare address is /32 or /128. */
public record Cidr(byte[] network, int prefix) {
    /** Parses Dovecot's notation (used by {@code login_trusted_networks}). */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] addr;
        try {
            // A literal address only: a word like "cafe" must not become a DNS lookup.
            if (!host.matches("[0-9a-fA-F:.]+") || !(host.contains(":") || host.matches("[0-9.]+"))) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            addr = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
        int prefix = addr.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (prefix < 0 || prefix > addr.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
        }
        return new Cidr(addr, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
