package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IpLoginPenaltyTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private IpLoginPenalty penalty(String... trusted) {
        return new IpLoginPenalty(java.util.Arrays.stream(trusted).map(Cidr::parse).toList(),
                IpLoginPenalty.BASE_MILLIS, IpLoginPenalty.MAX_MILLIS, now::get);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void failuresDoubleTheWaitUpTo15SecondsAsDovecotDoes() throws Exception {
        IpLoginPenalty p = penalty();
        InetAddress a = ip("203.0.113.7");
        assertEquals(0, p.delayMillis(a));
        long[] expected = {2000, 4000, 8000, 15000, 15000};
        for (long e : expected) {
            p.failed(a);
            assertEquals(e, p.delayMillis(a));
        }
        for (int i = 0; i < 45; i++) {
            p.failed(a);
        }
        assertEquals(15000, p.delayMillis(a), "50 failures still wait 15 s, not more");
        assertEquals(0, p.delayMillis(ip("203.0.113.8")), "another address is not slowed down");
        p.succeeded(a);
        assertEquals(0, p.delayMillis(a), "a success forgets the address");
    }

    @Test
    void ipv6IsCountedPerSlash48AndTrustedNetworksAreExempt() throws Exception {
        IpLoginPenalty p = penalty("192.0.2.0/24", "2001:db8:ffff::/48");
        p.failed(ip("2001:db8:1:1::1"));
        assertEquals(2000, p.delayMillis(ip("2001:db8:1:2::99")), "same /48");
        assertEquals(0, p.delayMillis(ip("2001:db8:2::1")), "another /48");
        p.failed(ip("192.0.2.55"));
        p.failed(ip("2001:db8:ffff:1::1"));
        assertEquals(0, p.delayMillis(ip("192.0.2.55")));
        assertEquals(0, p.delayMillis(ip("2001:db8:ffff:1::1")));
    }

    @Test
    void anHourWithoutFailuresForgetsTheAddress() throws Exception {
        IpLoginPenalty p = penalty();
        InetAddress a = ip("198.51.100.1");
        p.failed(a);
        p.failed(a);
        now.addAndGet(3_600_001);
        assertEquals(0, p.delayMillis(a));
        p.failed(a);
        assertEquals(2000, p.delayMillis(a), "counting starts over");
    }

    @Test
    void cidrParsing() throws Exception {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(ip("10.200.1.1")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1")));
        assertTrue(Cidr.parse("192.168.1.0/23").contains(ip("192.168.0.255")));
        assertTrue(Cidr.parse("::1").contains(ip("::1")));
        assertFalse(Cidr.parse("::1").contains(ip("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.org"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("cafe"), "hex word, not an address");
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }
}
